// Chat rules over the repository; messages are published only after the transaction that stored them commits.
#include "apps/daengtionary/chat/service.hpp"

#include <algorithm>
#include <memory>

#include <boost/json/serialize.hpp>

#include "apps/daengtionary/chat/message_json.hpp"
#include "apps/daengtionary/chat/repository.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "platform/kv/pubsub.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::chat {
namespace {

using platform::sql::connection;

constexpr const char* started_text = "대화가 시작되었습니다 :)";
constexpr const char* personal_title = "1:1";

// Stores the message and reads it back as it is shown.
message_record store_message(connection& db, std::int64_t room_no, const char* type,
                             std::optional<std::int64_t> member_no, const std::string& sender, const std::string& text,
                             std::int64_t now) {
  const new_message message{room_no, type, member_no, sender, text, now, korean_datetime(now)};
  return *repository::find_message(db, repository::insert_message(db, message));
}

message_record store_started(connection& db, std::int64_t room_no, std::int64_t now) {
  return store_message(db, room_no, system_message, std::nullopt, system_message, started_text, now);
}

// The room and, when this call created it, its SYSTEM message to publish.
struct personal_room_opened {
  std::int64_t room_no = 0;
  std::optional<message_record> started;
};

result<personal_room_opened> find_or_create_personal_room(connection& db, std::int64_t me, std::int64_t other) {
  if (!member::find_member(db, other)) return errc::not_found_user_info;
  if (me == other) return errc::cannot_chat_with_me;
  const std::string key = personal_key(me, other);
  if (auto room_no = repository::find_personal_room(db, key)) return personal_room_opened{*room_no, std::nullopt};
  auto started = create_personal_room(db, me, other, now_micros());
  // A concurrent request created it between the lookup and the insert: the UNIQUE key kept one room.
  if (!started) return personal_room_opened{*repository::find_personal_room(db, key), std::nullopt};
  return personal_room_opened{started->room_no, std::move(started)};
}

result<void> join_group_room(connection& db, std::int64_t me, std::int64_t room_no) {
  const auto room = repository::find_room(db, room_no);
  if (!room) return errc::not_found_chat_room;
  if (room->type == group_room) {
    repository::add_member(db, room_no, me, now_micros());
  } else if (!repository::find_membership(db, room_no, me)) {
    return errc::not_found_chat_room;  // the same answer as an unknown room: a 1:1 room is not for third parties
  }
  return {};
}

result<std::vector<message_record>> read_messages(connection& db, std::int64_t me, std::int64_t room_no,
                                                  const message_window& window) {
  if (!repository::find_membership(db, room_no, me)) return errc::not_found_chat_room;
  auto messages = repository::messages_of(db, room_no, window);
  if (!window.before && !messages.empty()) repository::mark_read(db, room_no, me, messages.back().message_no);
  return messages;
}

bool member_of(connection& db, std::int64_t member_no, std::int64_t room_no) {
  return repository::find_membership(db, room_no, member_no).has_value();
}

result<std::optional<message_record>> enter_room(connection& db, std::int64_t member_no, std::int64_t room_no) {
  if (!member_of(db, member_no, room_no)) return errc::not_found_chat_room_member;
  if (!repository::mark_entered(db, room_no, member_no)) return std::optional<message_record>();
  const std::string nick = member::find_member(db, member_no)->nick;
  return std::optional<message_record>(
      store_message(db, room_no, enter_message, member_no, nick, nick + "님이 입장하였습니다 :)", now_micros()));
}

result<void> mark_room_read(connection& db, std::int64_t member_no, std::int64_t room_no) {
  if (!member_of(db, member_no, room_no)) return errc::not_found_chat_room_member;
  repository::mark_read(db, room_no, member_no, repository::newest_message_no(db, room_no));
  return {};
}

}  // namespace

message_record open_group_room(connection& db, std::int64_t creator, const std::string& title, std::int64_t now) {
  const std::int64_t room_no = *repository::insert_room(db, group_room, title, std::nullopt, now);
  repository::add_member(db, room_no, creator, now);
  return store_started(db, room_no, now);
}

std::optional<message_record> create_personal_room(connection& db, std::int64_t a, std::int64_t b, std::int64_t now) {
  const auto room_no = repository::insert_room(db, personal_room, personal_title, personal_key(a, b), now);
  if (!room_no) return std::nullopt;
  repository::add_member(db, *room_no, a, now);
  repository::add_member(db, *room_no, b, now);
  return store_started(db, *room_no, now);
}

result<message_record> store_talk(connection& db, std::int64_t member_no, std::int64_t room_no, const std::string& text,
                                  std::int64_t now) {
  if (!member_of(db, member_no, room_no)) return errc::not_found_chat_room_member;
  const std::string nick = member::find_member(db, member_no)->nick;
  return store_message(db, room_no, talk_message, member_no, nick, text, now);
}

void join_room(connection& db, std::int64_t room_no, std::int64_t member_no, std::int64_t now) {
  repository::add_member(db, room_no, member_no, now);
}

void rename_room(connection& db, std::int64_t room_no, const std::string& title) {
  repository::rename_room(db, room_no, title);
}

result<void> validate_talk(std::string_view text) {
  if (is_blank(text) || utf8_length(text) > max_talk_characters) return errc::not_valid_content;
  return {};
}

std::string personal_key(std::int64_t a, std::int64_t b) {
  return std::to_string(std::min(a, b)) + ":" + std::to_string(std::max(a, b));
}

service::service(platform::sql::database& db, platform::kv::pubsub& broadcasts) : db_(db), broadcasts_(broadcasts) {}

asio::awaitable<result<std::int64_t>> service::open_personal_room(std::int64_t me, std::int64_t other) {
  auto opened = co_await db_.transact(find_or_create_personal_room, me, other);
  if (!opened) co_return opened.error();
  if (opened->started) publish(*opened->started);
  co_return opened->room_no;
}

asio::awaitable<result<void>> service::join(std::int64_t me, std::int64_t room_no) {
  co_return co_await db_.transact(join_group_room, me, room_no);
}

asio::awaitable<std::vector<room_summary>> service::rooms(std::int64_t me) {
  co_return co_await db_.run(repository::rooms_of, me);
}

asio::awaitable<result<std::vector<message_record>>> service::messages(std::int64_t me, std::int64_t room_no,
                                                                       message_window window) {
  co_return co_await db_.transact(read_messages, me, room_no, window);
}

asio::awaitable<bool> service::is_member(std::int64_t member_no, std::int64_t room_no) {
  co_return co_await db_.run(member_of, member_no, room_no);
}

asio::awaitable<result<std::optional<message_record>>> service::enter(std::int64_t member_no, std::int64_t room_no) {
  auto entered = co_await db_.transact(enter_room, member_no, room_no);
  if (entered && *entered) publish(**entered);
  co_return entered;
}

asio::awaitable<result<message_record>> service::talk(std::int64_t member_no, std::int64_t room_no, std::string text) {
  if (auto valid = validate_talk(text); !valid) co_return valid.error();
  auto stored = co_await db_.transact(store_talk, member_no, room_no, std::move(text), now_micros());
  if (stored) publish(*stored);
  co_return stored;
}

asio::awaitable<result<void>> service::mark_read(std::int64_t member_no, std::int64_t room_no) {
  co_return co_await db_.transact(mark_room_read, member_no, room_no);
}

void service::publish(const message_record& message) const {
  broadcasts_.publish(room_channel(message.room_no),
                      std::make_shared<const std::string>(boost::json::serialize(message_json(message))));
}

}  // namespace daengtionary::chat
