// MessageResponseDto and the room channel name (contract §3.2).
#include "apps/daengtionary/chat/message_json.hpp"

namespace daengtionary::chat {

boost::json::object message_json(const message_record& message) {
  return boost::json::object{{"messageNo", message.message_no}, {"roomNo", message.room_no},  {"type", message.type},
                             {"sender", message.sender},        {"message", message.message}, {"date", message.date}};
}

std::string room_channel(std::int64_t room_no) { return "/sub/chat/room/" + std::to_string(room_no); }

}  // namespace daengtionary::chat
