// Withdrawing a member.
#include "apps/bbodok/withdrawal/service.hpp"

#include "apps/bbodok/group/repository.hpp"
#include "apps/bbodok/group/service.hpp"
#include "apps/bbodok/member/service.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::withdrawal {
namespace {

constexpr const char* mark_withdrawn =
    "UPDATE member SET status = 'WITHDRAWN', updated_at = ? WHERE member_id = ? AND status = 'REGULAR'";
constexpr const char* drop_refresh_token = "DELETE FROM refresh_token WHERE member_id = ?";
constexpr const char* drop_client = "DELETE FROM client WHERE member_id = ?";
constexpr const char* drop_todos = "DELETE FROM todo WHERE member_id = ?";

}  // namespace

std::vector<std::int64_t> withdraw_rows(platform::sql::connection& db, std::int64_t member_id, std::int64_t now) {
  if (db.execute(mark_withdrawn, {now, member_id}) == 0) return {};
  db.execute(drop_refresh_token, {member_id});
  db.execute(drop_client, {member_id});
  auto groups = group::memberships_of(db, member_id);
  for (const auto group_id : groups) group::leave_rows(db, member_id, group_id, now);
  // Todos left in groups that were deleted before (none should be, but the member's todos all go).
  db.execute(drop_todos, {member_id});
  return groups;
}

service::service(platform::sql::database& db, member::service& members, group::service& groups)
    : db_(db), members_(members), groups_(groups) {}

asio::awaitable<void> service::withdraw(std::int64_t member_id) {
  const auto left = co_await db_.transact(withdraw_rows, member_id, platform::time::now_micros());
  co_await members_.changed(member_id);
  for (const auto group_id : left) co_await groups_.departed(member_id, group_id);
}

}  // namespace bbodok::withdrawal
