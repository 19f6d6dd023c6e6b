// Plain inserts in Bbodok's schema for the seed (the features' own writes are tested by their suites).
#include "apps/bbodok/seed/rows.hpp"

#include <algorithm>
#include <stdexcept>

#include "platform/time/seoul.hpp"

namespace bbodok::seed {
namespace {

namespace time = platform::time;

constexpr std::int64_t room_length = 25 * time::micros_per_minute;

constexpr const char* add_member =
    "INSERT INTO member (name, profile, email, kakao_id, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?) "
    "RETURNING member_id";
constexpr const char* add_group =
    "INSERT INTO study_group (owner_id, name, secret, password_hash, path, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING group_id";
constexpr const char* add_membership =
    "INSERT INTO membership (member_id, group_id, color, study_time, joined_at) VALUES (?, ?, ?, 0, ?)";
constexpr const char* add_todo =
    "INSERT INTO todo (member_id, group_id, content, done, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* add_room =
    "INSERT INTO room (group_id, owner_id, start_time, end_time, deleted, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING room_id";
constexpr const char* add_reservation =
    "INSERT INTO reservation (member_id, room_id, start_time, end_time, study_time, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING reservation_id";
constexpr const char* add_entry = "INSERT INTO room_entry (reservation_id, enter_time, exit_time) VALUES (?, ?, ?)";
constexpr const char* rank_from_reservations =
    "UPDATE membership SET study_time = (SELECT COALESCE(SUM(r.study_time), 0) FROM reservation r "
    "JOIN room o ON o.room_id = r.room_id WHERE r.member_id = membership.member_id "
    "AND o.group_id = membership.group_id)";

platform::sql::value optional_text(const std::optional<std::string>& text) {
  return text ? platform::sql::value(*text) : platform::sql::value();
}

// A member's session in an ended room, varied but reproducible: some arrive late or leave early, about one in
// eleven never comes. Returns {enter, exit}, or nullopt for a no-show.
std::optional<std::pair<std::int64_t, std::int64_t>> session(std::int64_t start, std::int64_t member) {
  const std::int64_t pattern = (start / time::micros_per_minute + member * 7) % 11;
  if (pattern == 0) return std::nullopt;
  const std::int64_t enter = start + (pattern % 4) * time::micros_per_minute;
  const std::int64_t exit =
      start + room_length - (pattern % 3) * 2 * time::micros_per_minute - pattern * time::micros_per_second;
  return std::pair{enter, exit};
}

std::int64_t minutes_of_day(const std::string& hh_mm) {
  const auto digit = [&](std::size_t i) {
    if (i >= hh_mm.size() || hh_mm[i] < '0' || hh_mm[i] > '9') throw std::runtime_error("demo data: bad time " + hh_mm);
    return static_cast<std::int64_t>(hh_mm[i] - '0');
  };
  if (hh_mm.size() != 5 || hh_mm[2] != ':') throw std::runtime_error("demo data: times are HH:MM, not " + hh_mm);
  const std::int64_t hours = digit(0) * 10 + digit(1);
  const std::int64_t minutes = digit(3) * 10 + digit(4);
  if (hours > 23 || (minutes != 0 && minutes != 30))
    throw std::runtime_error("demo data: " + hh_mm + " is not on the 30-minute grid");
  return hours * 60 + minutes;
}

}  // namespace

std::int64_t insert_member(platform::sql::connection& db, const std::string& name, const std::string& profile,
                           const std::optional<std::string>& email, std::int64_t now) {
  return db.query(add_member, {name, profile, optional_text(email), now, now})[0].as_int(0);
}

std::int64_t insert_group(platform::sql::connection& db, std::int64_t owner, const std::string& name,
                          const std::string& path, const std::optional<std::string>& password_hash, std::int64_t now) {
  const std::int64_t secret = password_hash ? 1 : 0;
  return db.query(add_group, {owner, name, secret, optional_text(password_hash), path, now, now})[0].as_int(0);
}

void insert_membership(platform::sql::connection& db, std::int64_t member, std::int64_t group,
                       const std::optional<std::string>& color, std::int64_t now) {
  db.execute(add_membership, {member, group, optional_text(color), now});
}

void insert_todo(platform::sql::connection& db, std::int64_t member, std::int64_t group, const std::string& content,
                 bool done, std::int64_t now) {
  db.execute(add_todo, {member, group, content, std::int64_t{done ? 1 : 0}, now, now});
}

void book_room(platform::sql::connection& db, std::int64_t group, std::int64_t start,
               const std::vector<std::int64_t>& members, std::int64_t now) {
  if (members.empty()) return;  // an empty room does not exist
  const std::int64_t end = start + room_length;
  const std::int64_t booked = std::min(now, start) - time::micros_per_day;
  const std::int64_t closed = end < time::seoul_midnight(time::seoul_day(now)) ? 1 : 0;
  const std::int64_t room =
      db.query(add_room, {group, members.front(), start, end, closed, booked, booked})[0].as_int(0);
  for (const std::int64_t member : members) {
    const auto studied = end <= now ? session(start, member) : std::nullopt;
    const std::int64_t earned = studied ? studied->second - studied->first : 0;
    const std::int64_t updated = studied ? studied->second : booked;
    const std::int64_t reservation =
        db.query(add_reservation, {member, room, start, end, earned, booked, updated})[0].as_int(0);
    if (studied) db.execute(add_entry, {reservation, studied->first, studied->second});
  }
}

void settle_ranks(platform::sql::connection& db) { db.execute(rank_from_reservations); }

std::vector<std::int64_t> daily_starts(const std::vector<std::string>& times, std::int64_t first_day, std::int64_t days,
                                       std::int64_t now) {
  std::vector<std::int64_t> offsets;
  offsets.reserve(times.size());
  for (const auto& hh_mm : times) offsets.push_back(minutes_of_day(hh_mm) * time::micros_per_minute);
  std::sort(offsets.begin(), offsets.end());
  const std::int64_t today = time::seoul_day(now);
  std::vector<std::int64_t> starts;
  for (std::int64_t day = today + first_day; day < today + first_day + days; ++day) {
    for (const std::int64_t offset : offsets) starts.push_back(time::seoul_midnight(day) + offset);
  }
  return starts;
}

}  // namespace bbodok::seed
