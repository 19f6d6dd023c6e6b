// Trade routes: parse and check parameters, call the trade service, answer the contract's JSON.
#include "apps/daengtionary/routes.hpp"

#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "apps/daengtionary/post/routes.hpp"
#include "apps/daengtionary/trade/service.hpp"
#include "apps/daengtionary/trade/validation.hpp"
#include "platform/cache/page_cache.hpp"
#include "platform/json/form.hpp"

namespace daengtionary::trade {
namespace {

namespace http = platform::http;
using boost::json::value;
using platform::json::form;

using context = post::context<service>;

// TradeResponseDto.
value summary_json(const trade_summary& trade) { return dto_json(trade, {{"views", "view"}, {"image", "tradeImg"}}); }

// TradeDetailResponseDto.
value detail_json(const trade_detail& detail) {
  boost::json::object out = dto_json(detail.post, {{"views", "view"}});
  boost::json::array& images = out["tradeImgUrl"].emplace_array();
  for (const auto& url : detail.images) images.emplace_back(url);
  return out;
}

// The `data` part (all seven fields; text parts such as the frontend's `undefined` are ignored).
result<trade_form> trade_form_of_parts(const form& parts) { return trade_form_of(parts.json("data")); }

// What the shared post routes need to know of trades.
struct trade_post {
  using context = trade::context;
  using filter = trade_filter;
  static constexpr const char* id = "tradeNo";
  static constexpr const char* created = "생성 완료";
  static constexpr const char* deleted = "삭제 성공";
  static constexpr auto form_of = trade_form_of_parts;
  static constexpr auto summary_json = trade::summary_json;
  // GET /trade/{tradeNo}: TradeDetailResponseDto.
  static constexpr bool paged = false;
  static constexpr auto detail_json = trade::detail_json;
  static constexpr const char* detail_message = "조회 성공";
  // GET /mypage/mypost/trade: in the list's shape.
  static constexpr auto own_json = trade::summary_json;
};

}  // namespace

void register_routes(http::router& routes, member::service& members, service& trades,
                     platform::cache::page_cache& pages) {
  post::add_routes<trade_post>(routes, context{members, trades, pages}, "/trade");
}

}  // namespace daengtionary::trade
