// The wish toggle's JSON: the original's WishResponseDto.
#include "apps/daengtionary/common/wish_answer.hpp"

#include <boost/json/object.hpp>

#include "apps/daengtionary/common/envelope.hpp"

namespace daengtionary::wishes {

platform::http::response answer(target kind, std::int64_t id, bool added) {
  using boost::json::value;
  auto id_if = [&](target column) { return !added && kind == column ? value(id) : value(nullptr); };
  const boost::json::object data{
      {"mapNo", id_if(target::map)}, {"comNo", id_if(target::community)}, {"tradeNo", id_if(target::trade)}};
  return ok(data, added ? "좋아요가 추가되었습니다." : "좋아요가 삭제되었습니다.");
}

}  // namespace daengtionary::wishes
