// MessageResponseDto and the room channel name (contract §3.2).
#include "apps/daengtionary/chat/message_json.hpp"

#include "apps/daengtionary/common/json_value.hpp"

namespace daengtionary::chat {

boost::json::object message_json(const message_record& message) { return dto_json(message); }

std::string room_channel(std::int64_t room_no) { return "/sub/chat/room/" + std::to_string(room_no); }

}  // namespace daengtionary::chat
