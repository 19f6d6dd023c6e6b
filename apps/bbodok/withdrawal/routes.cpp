// DELETE /api/v1/members: withdrawal.
#include "apps/bbodok/withdrawal/routes.hpp"

#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/signed_in.hpp"
#include "apps/bbodok/withdrawal/service.hpp"

namespace bbodok::withdrawal {
namespace {

namespace http = platform::http;

struct context {
  member::service& members;
  service& withdrawals;
};

// DELETE /api/v1/members: 200 RESOURCE_DELETED; 401 (also for a member who withdrew already).
asio::awaitable<http::response> withdraw(context ctx, http::request, member::member_record me) {
  co_await ctx.withdrawals.withdraw(me.member_id);
  co_return deleted();
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& withdrawals) {
  const context ctx{members, withdrawals};
  routes.add(http::verb::delete_, "/api/v1/members", member::bind_signed_in(ctx, withdraw));
}

}  // namespace bbodok::withdrawal
