// Trade routes: parse and check parameters, call the trade service, answer the contract's JSON.
#include "apps/daengtionary/trade/routes.hpp"

#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/form.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/common/request_params.hpp"
#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "apps/daengtionary/member/viewer.hpp"
#include "apps/daengtionary/trade/service.hpp"
#include "apps/daengtionary/trade/validation.hpp"
#include "platform/cache/page_cache.hpp"

namespace daengtionary::trade {
namespace {

namespace http = platform::http;
using boost::json::value;

struct context {
  member::service& members;
  service& trades;
  platform::cache::page_cache& pages;
};

// TradeResponseDto.
value summary_json(const trade_summary& trade) {
  return boost::json::object{{"tradeNo", trade.trade_no},
                             {"nick", trade.nick},
                             {"title", trade.title},
                             {"postStatus", trade.post_status},
                             {"view", trade.views},
                             {"price", trade.price},
                             {"tradeImg", nullable(trade.image)},
                             {"wishCount", trade.wish_count},
                             {"createdAt", korean_datetime(trade.created_at)},
                             {"modifiedAt", korean_datetime(trade.modified_at)}};
}

// TradeDetailResponseDto.
value detail_json(const trade_detail& detail) {
  const trade_record& trade = detail.trade;
  boost::json::array images;
  for (const auto& url : detail.images) images.emplace_back(url);
  return boost::json::object{{"tradeNo", trade.trade_no},
                             {"nick", trade.nick},
                             {"memberNo", trade.member_no},
                             {"title", trade.title},
                             {"address", trade.address},
                             {"stuffStatus", trade.stuff_status},
                             {"exchange", trade.exchange},
                             {"postStatus", trade.post_status},
                             {"content", trade.content},
                             {"price", trade.price},
                             {"view", trade.views},
                             {"wishCount", trade.wish_count},
                             {"tradeImgUrl", std::move(images)},
                             {"createdAt", korean_datetime(trade.created_at)},
                             {"modifiedAt", korean_datetime(trade.modified_at)}};
}

http::response list_answer(const std::vector<trade_summary>& trades) {
  boost::json::array data;
  for (const auto& trade : trades) data.push_back(summary_json(trade));
  return ok(data, "조회 성공");
}

asio::awaitable<http::response> answer_list(context ctx, trade_filter filter, sort_order sort, page paging) {
  const auto trades = co_await ctx.trades.list(std::move(filter), sort, paging);
  co_return list_answer(trades);
}

// POST /trade/create multipart data {title,address,stuffStatus,exchange,price,content,postStatus} + imgUrl
// files (text parts such as the frontend's `undefined` are ignored): 200 생성 완료; 400 NOT_VALIDCONTENT,
// image format; 401.
asio::awaitable<http::response> create(context ctx, http::request req, member::member_record me) {
  const form parts = form::read(req);
  auto trade = trade_form_of(parts.json("data"));
  if (!trade) co_return fail(trade.error());
  auto created = co_await ctx.trades.create(me.member_no, std::move(*trade), parts.files("imgUrl"));
  if (!created) co_return fail(created.error());
  co_return ok("생성 완료");
}

// GET /trade?sort&pagenum&pagesize (the frontend's `direction` is ignored): 200; 400.
asio::awaitable<http::response> list(context ctx, http::request req) {
  const auto sort = parse_sort(req.required_query("sort"));
  auto paging = page_of(req);
  if (!paging) co_return fail(paging.error());
  trade_filter everything;
  co_return co_await cached(ctx.pages, std::string(req.raw.target()), answer_list, ctx, std::move(everything), sort,
                            *paging);
}

// GET /trade/search?title&content&nick&address&postStatus&sort&pagenum&pagesize: 200; 400.
asio::awaitable<http::response> search(context ctx, http::request req) {
  trade_filter filter{std::string(req.required_query("title")), std::string(req.required_query("content")),
                      std::string(req.required_query("nick")), std::string(req.required_query("address")),
                      std::string(req.required_query("postStatus"))};
  const auto sort = parse_sort(req.required_query("sort"));
  auto paging = page_of(req);
  if (!paging) co_return fail(paging.error());
  co_return co_await cached(ctx.pages, std::string(req.raw.target()), answer_list, ctx, std::move(filter), sort,
                            *paging);
}

// GET /trade/{tradeNo}: 200 the detail (the view counted once per viewer and day); 400; 404.
asio::awaitable<http::response> detail(context ctx, http::request req) {
  const auto trade_no = req.path_int("tradeNo");
  std::string viewer = co_await member::viewer_of(ctx.members, req);
  auto found = co_await ctx.trades.view(trade_no, std::move(viewer));
  if (!found) co_return fail(found.error());
  co_return ok(detail_json(*found), "조회 성공");
}

// PATCH /trade/{tradeNo} multipart data (all seven fields) + optional imgUrl: 200 수정 성공; 400 (content,
// not the author); 401; 404.
asio::awaitable<http::response> update(context ctx, http::request req, member::member_record me) {
  const auto trade_no = req.path_int("tradeNo");
  const form parts = form::read(req);
  auto trade = trade_form_of(parts.json("data"));
  if (!trade) co_return fail(trade.error());
  auto updated = co_await ctx.trades.update(me.member_no, trade_no, std::move(*trade), parts.files("imgUrl"));
  if (!updated) co_return fail(updated.error());
  co_return ok("수정 성공");
}

// DELETE /trade/{tradeNo}: 200 삭제 성공 (images, views and wishes go too); 400 not the author; 401; 404.
asio::awaitable<http::response> remove(context ctx, http::request req, member::member_record me) {
  auto removed = co_await ctx.trades.remove(me.member_no, req.path_int("tradeNo"));
  if (!removed) co_return fail(removed.error());
  co_return ok("삭제 성공");
}

// POST /trade/{tradeNo}/wish: 200 added (all ids null) or removed (tradeNo set); 401; 404.
asio::awaitable<http::response> toggle_wish(context ctx, http::request req, member::member_record me) {
  const auto trade_no = req.path_int("tradeNo");
  auto added = co_await ctx.trades.toggle_wish(me.member_no, trade_no);
  if (!added) co_return fail(added.error());
  co_return wishes::answer(wishes::target::trade, trade_no, *added);
}

// GET /mypage/mypost/trade: 200 the caller's trades, newest first, in the list's shape; 401.
asio::awaitable<http::response> my_posts(context ctx, http::request, member::member_record me) {
  const auto trades = co_await ctx.trades.list_of(me.member_no);
  co_return list_answer(trades);
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& trades,
                     platform::cache::page_cache& pages) {
  using http::verb;
  const context ctx{members, trades, pages};
  auto anyone = [ctx](auto handler) { return http::bind_context(ctx, handler); };
  auto signed_in = [ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  routes.add(verb::post, "/trade/create", signed_in(create));
  routes.add(verb::get, "/trade", anyone(list));
  routes.add(verb::get, "/trade/search", anyone(search));
  routes.add(verb::get, "/trade/{tradeNo}", anyone(detail));
  routes.add(verb::patch, "/trade/{tradeNo}", signed_in(update));
  routes.add(verb::delete_, "/trade/{tradeNo}", signed_in(remove));
  routes.add(verb::post, "/trade/{tradeNo}/wish", signed_in(toggle_wish));
  routes.add(verb::get, "/mypage/mypost/trade", signed_in(my_posts));
}

}  // namespace daengtionary::trade
