// Chat rules: one personal room per pair, group rooms joined freely, members-only history and unread counts,
// ENTER once per membership, and every stored message published after its transaction commits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apps/daengtionary/chat/dto.hpp"
#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "platform/sql/connection.hpp"

namespace platform::kv {
class pubsub;
}
namespace platform::sql {
class database;
}

namespace daengtionary::chat {

inline constexpr std::size_t max_talk_characters = 1000;

// Building blocks for another feature's transaction (matching creates and joins group rooms with its posts; the
// seed opens rooms and talks in the past).
// They return the stored messages; the caller publishes them with service::publish once committed.
//
// A group room titled `title` with its creator as the only member and the SYSTEM "대화가 시작되었습니다 :)".
message_record open_group_room(platform::sql::connection& db, std::int64_t creator, const std::string& title,
                               std::int64_t now);
// The pair's personal room with both members and the SYSTEM "대화가 시작되었습니다 :)"; nullopt when the pair
// already has one.
std::optional<message_record> create_personal_room(platform::sql::connection& db, std::int64_t a, std::int64_t b,
                                                   std::int64_t now);
// The member's TALK, sent at `now`; not_found_chat_room_member for a non-member. Check the text with
// validate_talk first.
result<message_record> store_talk(platform::sql::connection& db, std::int64_t member_no, std::int64_t room_no,
                                  const std::string& text, std::int64_t now);
// Adds the member to the room if not already there.
void join_room(platform::sql::connection& db, std::int64_t room_no, std::int64_t member_no, std::int64_t now);
// A group room follows its post's title.
void rename_room(platform::sql::connection& db, std::int64_t room_no, const std::string& title);

class service {
 public:
  service(platform::sql::database& db, platform::kv::pubsub& broadcasts);

  // The pair's personal room, created with its SYSTEM message on first use: not_found_user_info,
  // cannot_chat_with_me.
  asio::awaitable<result<std::int64_t>> open_personal_room(std::int64_t me, std::int64_t other);
  // Joins a group room (idempotent); not_found_chat_room for an unknown room and for a personal room the
  // member is not in, so nobody can enter someone else's 1:1 room.
  asio::awaitable<result<void>> join(std::int64_t me, std::int64_t room_no);
  // The member's rooms, most recent activity first.
  asio::awaitable<std::vector<room_summary>> rooms(std::int64_t me);
  // Ascending; not_found_chat_room for an unknown room or a non-member. Reading the latest messages (no
  // `before`) marks the room read.
  asio::awaitable<result<std::vector<message_record>>> messages(std::int64_t me, std::int64_t room_no,
                                                                message_window window);

  // For the real-time layer.
  asio::awaitable<bool> is_member(std::int64_t member_no, std::int64_t room_no);
  // The ENTER message "<nick>님이 입장하였습니다 :)" the first time a member enters; nullopt afterwards;
  // not_found_chat_room_member for a non-member.
  asio::awaitable<result<std::optional<message_record>>> enter(std::int64_t member_no, std::int64_t room_no);
  // The stored TALK; not_valid_content for blank or over-long text, not_found_chat_room_member for a non-member.
  asio::awaitable<result<message_record>> talk(std::int64_t member_no, std::int64_t room_no, std::string text);
  // not_found_chat_room_member for a non-member.
  asio::awaitable<result<void>> mark_read(std::int64_t member_no, std::int64_t room_no);

  // Broadcasts a committed message on its room's channel as MessageResponseDto JSON.
  void publish(const message_record& message) const;

 private:
  platform::sql::database& db_;
  platform::kv::pubsub& broadcasts_;
};

// not_valid_content unless the text is non-blank and at most max_talk_characters long.
result<void> validate_talk(std::string_view text);
// "<lower>:<higher>": the same key whoever opens the room.
std::string personal_key(std::int64_t a, std::int64_t b);

}  // namespace daengtionary::chat
