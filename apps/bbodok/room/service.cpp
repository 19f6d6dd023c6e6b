// Each rule runs in one transaction on the blocking pool; listeners hear of a change after it committed.
#include "apps/bbodok/room/service.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "apps/bbodok/group/membership.hpp"
#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/room/calendar.hpp"
#include "apps/bbodok/room/repository.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::room {
namespace {

namespace sql = platform::sql;

failure not_in_room(std::int64_t member_id, std::int64_t room_id) {
  return rule_broken(fmt::format("사용자가 참여하고 있는 방이 아닙니다.memberId :{} roomId :{}", member_id, room_id));
}

result<entry_record> enter_room(sql::connection& db, std::int64_t member_id, std::int64_t room_id, std::int64_t now) {
  const auto room = repository::find_live(db, room_id);
  if (!room) return room_not_found(room_id);
  const std::int64_t enter_time = std::max(now, room->start_time);
  if (enter_time > room->end_time) return rule_broken("입장 가능한 시간이 아닙니다.");
  const auto reservation = repository::find_reservation(db, room_id, member_id);
  if (!reservation) return not_in_room(member_id, room_id);
  if (const auto open = repository::find_open_entry(db, *reservation)) return entry_record{open->enter_time, {}};
  repository::insert_entry(db, *reservation, enter_time);
  // A concurrent entry may have won the unique index: what is open now is the answer either way.
  return entry_record{repository::find_open_entry(db, *reservation).value().enter_time, {}};
}

result<std::optional<exit_record>> leave_room(sql::connection& db, std::int64_t member_id, std::int64_t room_id,
                                              std::int64_t now) {
  const auto room = repository::find_live(db, room_id);
  if (!room) return room_not_found(room_id);
  if (now < room->start_time) return std::optional<exit_record>{};
  const std::int64_t exit_time = std::min(now, room->end_time);
  const auto reservation = repository::find_reservation(db, room_id, member_id);
  if (!reservation) return not_in_room(member_id, room_id);
  const auto open = repository::find_open_entry(db, *reservation);
  if (!open) return not_in_room(member_id, room_id);
  const std::int64_t studied = std::max<std::int64_t>(0, exit_time - open->enter_time);
  repository::close_entry(db, open->entry_id, exit_time);
  repository::add_study_time(db, *reservation, member_id, room->group_id, studied, now);
  return std::optional<exit_record>{exit_record{entry_record{open->enter_time, exit_time}, room->group_id, studied}};
}

result<std::vector<room_view>> reserved_rooms_in_group(sql::connection& db, std::int64_t member_id,
                                                       std::int64_t group_id, window w) {
  if (!group::is_member(db, member_id, group_id)) return not_a_member(member_id, group_id);
  return repository::reserved_in_group(db, member_id, group_id, w);
}

std::optional<room_view> nearest_room(sql::connection& db, std::int64_t member_id, std::int64_t now) {
  const auto room = repository::nearest(db, member_id, now);
  if (!room) return std::nullopt;
  return repository::view(db, room->room_id);
}

}  // namespace

result<window> checked_window(std::int64_t from, std::int64_t to) {
  if (from > to || to - from > max_window_days * platform::time::micros_per_day) return bad_request();
  return window{from, to};
}

service::service(sql::database& db, group::memberships& groups, calendar& rooms, const listeners& on_change)
    : db_(db), groups_(groups), rooms_(rooms), on_change_(on_change) {}

asio::awaitable<result<std::string>> service::group_rooms(std::int64_t member_id, std::int64_t group_id, window w) {
  // Awaited into a variable: GCC 12 miscompiles a co_await inside an if condition of this coroutine shape.
  const bool member = co_await groups_.contains(member_id, group_id);
  if (!member) co_return not_a_member(member_id, group_id);
  std::string rooms = co_await rooms_.rooms(group_id, w);
  co_return std::move(rooms);
}

asio::awaitable<result<std::vector<room_view>>> service::reserved_in_group(std::int64_t member_id,
                                                                           std::int64_t group_id, window w) {
  co_return co_await db_.run(reserved_rooms_in_group, member_id, group_id, w);
}

asio::awaitable<std::vector<room_view>> service::reserved(std::int64_t member_id, window w) {
  co_return co_await db_.run(repository::reserved, member_id, w);
}

asio::awaitable<result<entry_record>> service::enter(std::int64_t member_id, std::int64_t room_id, std::int64_t now) {
  co_return co_await db_.transact(enter_room, member_id, room_id, now);
}

asio::awaitable<result<std::optional<entry_record>>> service::leave(std::int64_t member_id, std::int64_t room_id,
                                                                    std::int64_t now) {
  auto left = co_await db_.transact(leave_room, member_id, room_id, now);
  if (!left) co_return left.error();
  if (!*left) co_return std::optional<entry_record>{};
  const exit_record done = **left;
  co_await on_change_.reservations_changed(member_id);
  if (on_change_.studied) co_await on_change_.studied(done.group_id, member_id, done.studied);
  co_return std::optional<entry_record>{done.entry};
}

asio::awaitable<std::optional<room_view>> service::nearest(std::int64_t member_id, std::int64_t now) {
  co_return co_await db_.run(nearest_room, member_id, now);
}

}  // namespace bbodok::room
