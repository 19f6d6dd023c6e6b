// Room, reservation and entry rows: plain reads and writes on the caller's connection (inside its transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "apps/bbodok/room/dto.hpp"
#include "platform/sql/connection.hpp"

namespace bbodok::room::repository {

namespace sql = platform::sql;

// Live rooms by start time, each with its occupants.
std::vector<room_view> group_rooms(sql::connection& db, std::int64_t group_id, window w);
std::vector<room_view> reserved_in_group(sql::connection& db, std::int64_t member_id, std::int64_t group_id, window w);
std::vector<room_view> reserved(sql::connection& db, std::int64_t member_id, window w);
std::optional<room_view> view(sql::connection& db, std::int64_t room_id);

std::optional<room_record> find_live(sql::connection& db, std::int64_t room_id);
std::optional<room_record> find_live_at(sql::connection& db, std::int64_t group_id, std::int64_t start_time);
// The member's live reservation whose room ends soonest after `now`.
std::optional<room_record> nearest(sql::connection& db, std::int64_t member_id, std::int64_t now);

// The new room's id, or nullopt when the group already has a live room at that start.
std::optional<std::int64_t> insert_room(sql::connection& db, std::int64_t group_id, std::int64_t owner_id,
                                        std::int64_t start_time, std::int64_t end_time, std::int64_t now);
bool lock_live_room(sql::connection& db, std::int64_t room_id, std::int64_t now);
void close_room(sql::connection& db, std::int64_t room_id, std::int64_t now);

std::optional<std::int64_t> find_reservation(sql::connection& db, std::int64_t room_id, std::int64_t member_id);
void reserve(sql::connection& db, const room_record& room, std::int64_t member_id, std::int64_t now);
void cancel(sql::connection& db, std::int64_t reservation_id, std::int64_t now);
bool has_reservations(sql::connection& db, std::int64_t room_id);

struct open_entry {
  std::int64_t entry_id = 0;
  std::int64_t enter_time = 0;
};
std::optional<open_entry> find_open_entry(sql::connection& db, std::int64_t reservation_id);
void insert_entry(sql::connection& db, std::int64_t reservation_id, std::int64_t enter_time);
void close_entry(sql::connection& db, std::int64_t entry_id, std::int64_t exit_time);
// Adds study time to the reservation and to the member's membership of the group (the ranking).
void add_study_time(sql::connection& db, std::int64_t reservation_id, std::int64_t member_id, std::int64_t group_id,
                    std::int64_t micros, std::int64_t now);

}  // namespace bbodok::room::repository
