// GET /api/v1/ranks: the group's RankResponse list.
#include "apps/bbodok/routes.hpp"

#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/signed_in.hpp"
#include "apps/bbodok/rank/service.hpp"

namespace bbodok::rank {
namespace {

namespace http = platform::http;
struct context {
  member::service& members;
  service& ranks;
};

// GET /api/v1/ranks?groupId=: 200 most study time first; 400; 404 when the caller is not in the group.
asio::awaitable<http::response> list(context ctx, http::request req, member::member_record me) {
  const auto group_id = req.required_query_int("groupId");
  const auto ranking = co_await ctx.ranks.ranking(me.member_id, group_id);
  if (!ranking) co_return fail(ranking.error());
  co_return success_json(*ranking);
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& ranks) {
  const context ctx{members, ranks};
  routes.add(http::verb::get, "/api/v1/ranks", member::bind_signed_in(ctx, list));
}

}  // namespace bbodok::rank
