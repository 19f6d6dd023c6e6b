// Rendering a ranking.
#include "apps/bbodok/rank/json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "platform/time/seoul.hpp"

namespace bbodok::rank {

std::string ranking_json(const std::vector<rank_entry>& ranking) {
  using boost::json::value;
  boost::json::array out;
  out.reserve(ranking.size());
  for (const auto& entry : ranking) {
    out.push_back(boost::json::object{{"memberId", entry.member_id},
                                      {"profile", entry.profile ? value(*entry.profile) : value(nullptr)},
                                      {"nickname", entry.nickname},
                                      {"duration", platform::time::iso_duration(entry.study_time)}});
  }
  return boost::json::serialize(out);
}

}  // namespace bbodok::rank
