// Chat repository over platform::sql.
#include "apps/daengtionary/chat/repository.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "apps/daengtionary/chat/sql.hpp"
#include "platform/sql/records.hpp"

namespace daengtionary::chat::repository {
namespace records = platform::sql::records;
namespace {

// A page without `size` (only `before`) is this long; the routes validate explicit sizes.
constexpr std::int64_t default_page_size = 50;

std::int64_t room_no_of(const platform::sql::row& row) { return row.as_int("room_no"); }

}  // namespace

std::optional<std::int64_t> insert_room(connection& db, const std::string& type, const std::string& title,
                                        const std::optional<std::string>& personal_key, std::int64_t now) {
  return records::first_of(db.query(sql::insert_room, {type, title, platform::sql::nullable(personal_key), now}),
                           room_no_of);
}

std::optional<std::int64_t> find_personal_room(connection& db, const std::string& personal_key) {
  return records::first_of(db.query(sql::find_personal_room, {personal_key}), room_no_of);
}

std::optional<room_record> find_room(connection& db, std::int64_t room_no) {
  return records::first_of<room_record>(db.query(sql::find_room, {room_no}));
}

void rename_room(connection& db, std::int64_t room_no, const std::string& title) {
  db.execute(sql::rename_room, {title, room_no});
}

bool add_member(connection& db, std::int64_t room_no, std::int64_t member_no, std::int64_t now) {
  return db.execute(sql::add_member, {room_no, member_no, now}) > 0;
}

std::optional<membership> find_membership(connection& db, std::int64_t room_no, std::int64_t member_no) {
  return records::first_of<membership>(db.query(sql::find_membership, {room_no, member_no}));
}

bool mark_entered(connection& db, std::int64_t room_no, std::int64_t member_no) {
  return db.execute(sql::mark_entered, {room_no, member_no}) > 0;
}

void mark_read(connection& db, std::int64_t room_no, std::int64_t member_no, std::int64_t message_no) {
  db.execute(sql::mark_read, {message_no, room_no, member_no, message_no});
}

std::int64_t newest_message_no(connection& db, std::int64_t room_no) {
  auto rows = db.query(sql::newest_message_no, {room_no});
  return rows.empty() ? 0 : rows[0].opt_int(0).value_or(0);
}

std::int64_t insert_message(connection& db, const new_message& message) {
  return db
      .query(sql::insert_message, {message.room_no, message.type, platform::sql::nullable(message.member_no),
                                   message.sender, message.message, message.date, message.created_at})[0]
      .as_int(0);
}

std::optional<message_record> find_message(connection& db, std::int64_t message_no) {
  // Built on first use rather than at static initialisation, where a failed allocation could not be caught.
  static const std::string statement = std::string(sql::message_select) + sql::find_message;
  return records::first_of<message_record>(db.query(statement, {message_no}));
}

std::vector<message_record> messages_of(connection& db, std::int64_t room_no, const message_window& window) {
  static const std::string whole = std::string(sql::message_select) + sql::whole_history;
  static const std::string page = std::string(sql::message_select) + sql::page_before;
  if (!window.before && !window.size) return records::all_of<message_record>(db.query(whole, {room_no}));
  const std::int64_t before = window.before.value_or(std::numeric_limits<std::int64_t>::max());
  auto messages =
      records::all_of<message_record>(db.query(page, {room_no, before, window.size.value_or(default_page_size)}));
  std::reverse(messages.begin(), messages.end());
  return messages;
}

std::vector<room_summary> rooms_of(connection& db, std::int64_t member_no) {
  std::vector<room_summary> rooms;
  std::map<std::int64_t, std::size_t> index_of;  // room_no → position in rooms
  for (const auto& row : db.query(sql::rooms_of, {member_no})) {
    index_of.emplace(row.as_int("room_no"), rooms.size());
    rooms.push_back(room_summary{.room = records::read<room_record>(row),
                                 .members = {},
                                 .last_date = row.opt_text("last_date"),
                                 .last_message = row.opt_text("last_message"),
                                 .unread = row.as_int("unread")});
  }
  for (const auto& row : db.query(sql::members_of_rooms_of, {member_no})) {
    const auto found = index_of.find(row.as_int("room_no"));
    if (found == index_of.end()) continue;
    rooms[found->second].members.push_back(
        room_member{.member_no = row.as_int("member_no"), .nick = row.as_text("nick")});
  }
  return rooms;
}

}  // namespace daengtionary::chat::repository
