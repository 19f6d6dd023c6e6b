// The one rendering of a chat message (MessageResponseDto), shared by the HTTP history and the broadcasts.
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

#include "apps/daengtionary/chat/dto.hpp"

namespace daengtionary::chat {

// {"messageNo","roomNo","type","sender","message","date"}
boost::json::object message_json(const message_record& message);

// The pub/sub channel of a room; the STOMP broker relays it to subscribers of the same destination.
std::string room_channel(std::int64_t room_no);

}  // namespace daengtionary::chat
