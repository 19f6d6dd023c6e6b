// The demo set's matchings: each created with its group room and joined by the rules of POST /friend/count.
#include <stdexcept>

#include <fmt/format.h>

#include "apps/daengtionary/friend/service.hpp"
#include "apps/daengtionary/seed/loaders.hpp"

namespace daengtionary::seed {
namespace {

// A join the route would answer with anything but 참가 성공 (the author, a full post) is a mistake in the file.
void load_joins(demo_set& set, const boost::json::object& item, std::int64_t friend_no) {
  for (const auto& key : list(item, "joins")) {
    const auto outcome = matching::take_part(set.db(), set.member(key), friend_no, set.next_timestamp());
    if (!outcome || *outcome != matching::join_outcome::joined) {
      throw std::runtime_error(
          fmt::format("demo data: \"{}\" cannot join \"{}\"", std::string_view(key.as_string()), text(item, "title")));
    }
  }
}

}  // namespace

void load_friends(demo_set& set) {
  for (const auto& entry : list(set.document(), "friends")) {
    const auto& item = entry.as_object();
    const matching::post_form form{text(item, "address"), text(item, "category"), text(item, "title"),
                                   text(item, "content"), integer(item, "maxCount")};
    require_valid(matching::validate(form), "matching", form.title);
    const auto urls = set.store_images(item.at("images"), matching::max_images);
    const auto created =
        matching::create_post(set.db(), set.member(item.at("author")), form, urls, set.next_timestamp());
    load_joins(set, item, created.friend_no);
  }
}

}  // namespace daengtionary::seed
