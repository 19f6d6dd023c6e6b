// Chat rooms and messages as the chat feature and its callers (matching, the STOMP layer) see them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

namespace daengtionary::chat {

inline constexpr const char* personal_room = "personal";
inline constexpr const char* group_room = "group";

inline constexpr const char* system_message = "SYSTEM";
inline constexpr const char* enter_message = "ENTER";
inline constexpr const char* talk_message = "TALK";

// A message as it is shown (MessageResponseDto): `sender` is the sender's current nick, the stored one when
// the member is gone, and "SYSTEM" for system messages.
struct message_record {
  std::int64_t message_no = 0;
  std::int64_t room_no = 0;
  std::string type;  // SYSTEM, ENTER or TALK
  std::string sender;
  std::string message;
  std::string date;  // korean_datetime of the sending time
};
BOOST_DESCRIBE_STRUCT(message_record, (), (message_no, room_no, type, sender, message, date))

// A message to store; member_no is null for SYSTEM messages.
struct new_message {
  std::int64_t room_no = 0;
  std::string type;
  std::optional<std::int64_t> member_no;
  std::string sender;  // the nick at sending time
  std::string message;
  std::int64_t created_at = 0;
  std::string date;  // korean_datetime(created_at), stored as the original did
};

struct room_record {
  std::int64_t room_no = 0;
  std::string type;  // personal or group
  std::string title;
};
BOOST_DESCRIBE_STRUCT(room_record, (), (room_no, type, title))

struct room_member {
  std::int64_t member_no = 0;
  std::string nick;
};

// One row of GET /chat/rooms.
struct room_summary {
  room_record room;
  std::vector<room_member> members;
  std::optional<std::string> last_date;  // both absent while the room has no message
  std::optional<std::string> last_message;
  std::int64_t unread = 0;
};

// The membership row of one member in one room.
struct membership {
  bool entered = false;
  std::int64_t last_read_message_no = 0;
};
BOOST_DESCRIBE_STRUCT(membership, (), (entered, last_read_message_no))

// Paging of GET /chat/messages/{roomNo}: no limit = the whole history; `before` = only older messages.
struct message_window {
  std::optional<std::int64_t> before;
  std::optional<std::int64_t> size;
};

}  // namespace daengtionary::chat
