// Reading rooms with their occupants, and the writes of reserving, entering and leaving.
#include "apps/bbodok/room/repository.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

#include "apps/bbodok/room/sql.hpp"

namespace bbodok::room::repository {
namespace {

room_record room_of(const sql::row& row) {
  return room_record{row.as_int(0), row.as_int(1), row.as_int(2), row.as_int(3)};
}

std::string query(std::string_view columns, std::initializer_list<std::string_view> filters, std::string_view order) {
  std::string text(columns);
  for (const auto filter : filters) text.append(" AND ").append(filter);
  return text.append(order);
}

// The rooms the filters (sql.hpp) select, then their occupants with the same filters and parameters.
std::vector<room_view> rooms_where(sql::connection& db, std::initializer_list<std::string_view> filters,
                                   std::initializer_list<sql::value> params) {
  std::vector<room_view> rooms;
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const auto& row : db.query(query(room::sql::room_columns, filters, room::sql::room_order), params)) {
    index.emplace(row.as_int(0), rooms.size());
    rooms.push_back(room_view{room_of(row), {}});
  }
  if (rooms.empty()) return rooms;
  for (const auto& row : db.query(query(room::sql::occupant_columns, filters, room::sql::occupant_order), params)) {
    const auto at = index.find(row.as_int(0));
    if (at != index.end()) rooms[at->second].occupants.push_back(occupant{row.as_int(1), row.opt_text(2)});
  }
  return rooms;
}

std::optional<room_record> one_room(const sql::rows& found) {
  if (found.empty()) return std::nullopt;
  return room_of(found[0]);
}

}  // namespace

std::vector<room_view> group_rooms(sql::connection& db, std::int64_t group_id, window w) {
  return rooms_where(db, {room::sql::in_group, room::sql::in_window}, {group_id, w.from, w.to});
}

std::vector<room_view> reserved_in_group(sql::connection& db, std::int64_t member_id, std::int64_t group_id, window w) {
  return rooms_where(db, {room::sql::reserved_by, room::sql::in_group, room::sql::in_window},
                     {member_id, group_id, w.from, w.to});
}

std::vector<room_view> reserved(sql::connection& db, std::int64_t member_id, window w) {
  return rooms_where(db, {room::sql::reserved_by, room::sql::in_window}, {member_id, w.from, w.to});
}

std::optional<room_view> view(sql::connection& db, std::int64_t room_id) {
  auto rooms = rooms_where(db, {room::sql::one_room}, {room_id});
  if (rooms.empty()) return std::nullopt;
  return std::move(rooms[0]);
}

std::optional<room_record> find_live(sql::connection& db, std::int64_t room_id) {
  return one_room(db.query(room::sql::live_room, {room_id}));
}

std::optional<room_record> find_live_at(sql::connection& db, std::int64_t group_id, std::int64_t start_time) {
  return one_room(db.query(room::sql::live_room_at, {group_id, start_time}));
}

std::optional<room_record> nearest(sql::connection& db, std::int64_t member_id, std::int64_t now) {
  return one_room(db.query(room::sql::nearest, {member_id, now}));
}

std::optional<std::int64_t> insert_room(sql::connection& db, std::int64_t group_id, std::int64_t owner_id,
                                        std::int64_t start_time, std::int64_t end_time, std::int64_t now) {
  const auto made = db.query(room::sql::insert_room, {group_id, owner_id, start_time, end_time, now, now});
  if (made.empty()) return std::nullopt;
  return made[0].as_int(0);
}

bool lock_live_room(sql::connection& db, std::int64_t room_id, std::int64_t now) {
  return db.execute(room::sql::lock_room, {now, room_id}) > 0;
}

void close_room(sql::connection& db, std::int64_t room_id, std::int64_t now) {
  db.execute(room::sql::close_room, {now, room_id});
}

std::optional<std::int64_t> find_reservation(sql::connection& db, std::int64_t room_id, std::int64_t member_id) {
  const auto found = db.query(room::sql::live_reservation, {room_id, member_id});
  if (found.empty()) return std::nullopt;
  return found[0].as_int(0);
}

void reserve(sql::connection& db, const room_record& room, std::int64_t member_id, std::int64_t now) {
  db.execute(room::sql::insert_reservation, {member_id, room.room_id, room.start_time, room.end_time, now, now});
}

void cancel(sql::connection& db, std::int64_t reservation_id, std::int64_t now) {
  db.execute(room::sql::cancel_reservation, {now, reservation_id});
}

bool has_reservations(sql::connection& db, std::int64_t room_id) {
  return !db.query(room::sql::any_live_reservation, {room_id}).empty();
}

std::optional<open_entry> find_open_entry(sql::connection& db, std::int64_t reservation_id) {
  const auto found = db.query(room::sql::open_entry, {reservation_id});
  if (found.empty()) return std::nullopt;
  return open_entry{found[0].as_int(0), found[0].as_int(1)};
}

void insert_entry(sql::connection& db, std::int64_t reservation_id, std::int64_t enter_time) {
  db.execute(room::sql::insert_entry, {reservation_id, enter_time});
}

void close_entry(sql::connection& db, std::int64_t entry_id, std::int64_t exit_time) {
  db.execute(room::sql::close_entry, {exit_time, entry_id});
}

void add_study_time(sql::connection& db, std::int64_t reservation_id, std::int64_t member_id, std::int64_t group_id,
                    std::int64_t micros, std::int64_t now) {
  db.execute(room::sql::add_to_reservation, {micros, now, reservation_id});
  db.execute(room::sql::add_to_membership, {micros, member_id, group_id});
}

}  // namespace bbodok::room::repository
