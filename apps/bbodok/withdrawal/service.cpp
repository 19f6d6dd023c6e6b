// Withdrawing a member.
#include "apps/bbodok/withdrawal/service.hpp"

#include "apps/bbodok/group/repository.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/rank/service.hpp"
#include "apps/bbodok/withdrawal/repository.hpp"
#include "apps/bbodok/withdrawal/worker.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::withdrawal {

service::service(platform::sql::database& db, member::service& members, rank::service& ranks, worker& cleanup)
    : db_(db), members_(members), ranks_(ranks), cleanup_(cleanup) {}

asio::awaitable<void> service::withdraw(std::int64_t member_id) {
  // Named first: as `if (co_await …) wake();` with nothing after it, GCC 12 built a coroutine that trapped
  // (SIGILL) on resumption.
  const bool recorded = co_await db_.transact(repository::record, member_id, platform::time::now_micros());
  if (!recorded) co_return;
  co_await members_.changed(member_id);
  // What others see of the member goes with the answer, not with the cleanup: their rankings (the worker's own
  // forget, later, finds nothing left to do).
  const auto groups = co_await db_.run(group::memberships_of, member_id);
  for (const auto group_id : groups) co_await ranks_.forget(group_id, member_id);
  cleanup_.wake();
}

}  // namespace bbodok::withdrawal
