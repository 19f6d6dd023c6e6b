// Withdrawing a member.
#include "apps/bbodok/withdrawal/service.hpp"

#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/withdrawal/repository.hpp"
#include "apps/bbodok/withdrawal/worker.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::withdrawal {

service::service(platform::sql::database& db, member::service& members, worker& cleanup)
    : db_(db), members_(members), cleanup_(cleanup) {}

asio::awaitable<void> service::withdraw(std::int64_t member_id) {
  // Named first: as `if (co_await …) wake();` with nothing after it, GCC 12 built a coroutine that trapped
  // (SIGILL) on resumption.
  const bool recorded = co_await db_.transact(repository::record, member_id, platform::time::now_micros());
  if (!recorded) co_return;
  co_await members_.changed(member_id);
  cleanup_.wake();
}

}  // namespace bbodok::withdrawal
