// HTTP routes of chat (contract §2.9): personal rooms, joining group rooms, the room list and the history.
#pragma once

#include "platform/http/router.hpp"

namespace daengtionary::member {
class service;
}

namespace daengtionary::chat {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& chats);

}  // namespace daengtionary::chat
