// GET /api/v1/study-histories/durations?from&to: the caller's per-day study time.
#include "apps/bbodok/study/routes.hpp"

#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/member/signed_in.hpp"
#include "apps/bbodok/room/query.hpp"
#include "apps/bbodok/study/history.hpp"

namespace bbodok::study {
namespace {

namespace http = platform::http;

struct context {
  member::service& members;
  history& histories;
};

asio::awaitable<http::response> durations(context ctx, http::request req, member::member_record me) {
  const auto w = room::window_of(req);
  if (!w) co_return fail(w.error());
  const std::string days = co_await ctx.histories.durations(me.member_id, *w);
  co_return success_json(days);
}

}  // namespace

void register_routes(http::router& routes, member::service& members, history& histories) {
  const context ctx{members, histories};
  routes.add(http::verb::get, "/api/v1/study-histories/durations", member::bind_signed_in(ctx, durations));
}

}  // namespace bbodok::study
