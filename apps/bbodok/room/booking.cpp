// Both operations run in one transaction that locks the room row first, so a join and the cancel that empties
// the room cannot interleave; the broadcast is rendered inside it and published after the commit.
#include "apps/bbodok/room/booking.hpp"

#include <memory>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "apps/bbodok/group/membership.hpp"
#include "apps/bbodok/notification/schedule.hpp"
#include "apps/bbodok/room/json.hpp"
#include "apps/bbodok/room/repository.hpp"
#include "platform/kv/pubsub.hpp"
#include "platform/sql/database.hpp"

namespace bbodok::room {
namespace {

namespace sql = platform::sql;

std::string broadcast_of(sql::connection& db, std::int64_t room_id) {
  return boost::json::serialize(room_json(repository::view(db, room_id).value(), true));
}

// What a committed operation announces: the broadcast, and when a push it scheduled is due.
struct booked {
  std::string payload;
  std::optional<std::int64_t> push_at;
};

// The reservation and, for a member with a web-push client, the push at the room's start.
booked reserve(sql::connection& db, const room_record& room, std::int64_t member_id, std::int64_t now) {
  repository::reserve(db, room, member_id, now);
  auto push_at = notification::schedule(db, member_id, room.room_id, room.start_time, room.end_time, now);
  return booked{broadcast_of(db, room.room_id), push_at};
}

// Makes the slot's room or finds the live one; nullopt only when the one found was closed meanwhile.
std::optional<room_record> room_for_slot(sql::connection& db, std::int64_t member_id, std::int64_t group_id,
                                         std::int64_t start_time, std::int64_t end_time, std::int64_t now) {
  if (const auto made = repository::insert_room(db, group_id, member_id, start_time, end_time, now)) {
    return room_record{*made, group_id, start_time, end_time};
  }
  auto existing = repository::find_live_at(db, group_id, start_time);
  if (!existing || !repository::lock_live_room(db, existing->room_id, now)) return std::nullopt;
  return existing;
}

result<booked> add_room(sql::connection& db, std::int64_t member_id, std::int64_t group_id, std::int64_t start_time,
                        std::int64_t end_time, std::int64_t now) {
  if (!group::is_member(db, member_id, group_id)) return not_a_member(member_id, group_id);
  auto room = room_for_slot(db, member_id, group_id, start_time, end_time, now);
  // The live room found was being emptied by a cancel that has committed since: the slot is free again.
  if (!room) room = room_for_slot(db, member_id, group_id, start_time, end_time, now);
  if (!room) return invalid_request_time();
  return reserve(db, *room, member_id, now);
}

result<booked> toggle_room(sql::connection& db, std::int64_t member_id, std::int64_t room_id, std::int64_t group_id,
                           std::int64_t now) {
  if (!group::is_member(db, member_id, group_id)) return not_a_member(member_id, group_id);
  const auto room = repository::find_live(db, room_id);
  if (!room || room->group_id != group_id || !repository::lock_live_room(db, room_id, now)) {
    return room_not_found(room_id);
  }
  if (now > room->end_time) return invalid_request_time();
  const auto reservation = repository::find_reservation(db, room_id, member_id);
  if (!reservation) return reserve(db, *room, member_id, now);
  repository::cancel(db, *reservation, now);
  notification::unschedule(db, member_id, room_id);
  if (repository::has_reservations(db, room_id)) return booked{broadcast_of(db, room_id), std::nullopt};
  repository::close_room(db, room_id, now);
  return booked{boost::json::serialize(emptied_room_json(room->start_time)), std::nullopt};
}

}  // namespace

std::string group_topic(std::int64_t group_id) { return fmt::format("/topic/{}", group_id); }

failure invalid_request_time() { return rule_broken("유효하지 않은 요청 시간입니다."); }

booking::booking(sql::database& db, platform::kv::pubsub& bus, const listeners& on_change)
    : db_(db), bus_(bus), on_change_(on_change) {}

asio::awaitable<result<void>> booking::add(std::int64_t member_id, std::int64_t group_id, std::int64_t start_time,
                                           std::int64_t end_time, std::int64_t now) {
  if (end_time - start_time != room_length_micros || now > end_time) co_return invalid_request_time();
  auto done = co_await db_.transact(add_room, member_id, group_id, start_time, end_time, now);
  if (!done) co_return done.error();
  if (done->push_at && on_change_.push_scheduled) on_change_.push_scheduled(*done->push_at);
  co_await announce(member_id, group_id, std::move(done->payload));
  co_return result<void>{};
}

asio::awaitable<result<void>> booking::toggle(std::int64_t member_id, std::int64_t room_id, std::int64_t group_id,
                                              std::int64_t now) {
  auto done = co_await db_.transact(toggle_room, member_id, room_id, group_id, now);
  if (!done) co_return done.error();
  if (done->push_at && on_change_.push_scheduled) on_change_.push_scheduled(*done->push_at);
  co_await announce(member_id, group_id, std::move(done->payload));
  co_return result<void>{};
}

asio::awaitable<void> booking::announce(std::int64_t member_id, std::int64_t group_id, std::string payload) {
  // The calendar first: a subscriber that refetches /rooms on the broadcast must find the new state.
  co_await on_change_.rooms_changed(group_id);
  co_await on_change_.reservations_changed(member_id);
  bus_.publish(group_topic(group_id), std::make_shared<const std::string>(std::move(payload)));
}

}  // namespace bbodok::room
