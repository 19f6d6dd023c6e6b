// Chat over STOMP (contract §3, fixes §11.2, §11.9–11): who may connect, subscribe and send, and what ENTER
// and TALK do. The broker relays the room channels chat::service publishes on.
#pragma once

#include <string>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "platform/stomp/application.hpp"

namespace daengtionary::member {
class service;
}

namespace daengtionary::chat {

class service;

inline constexpr const char* message_destination = "/pub/chat/message";

class realtime final : public platform::stomp::application {
 public:
  realtime(member::service& members, service& chats);

  // The access token the frontend already sends in CONNECT's `Authorization` header; the principal is the
  // member (id = member_no, name = nick), and every later frame acts as that member whatever it claims.
  asio::awaitable<platform::stomp::answer<platform::stomp::principal>> authenticate(platform::stomp::frame connect,
                                                                                    std::string remote_ip) override;
  // /sub/chat/room/{roomNo} for members of the room only.
  asio::awaitable<platform::stomp::verdict> authorize_subscribe(platform::stomp::principal who,
                                                                std::string destination) override;
  // /pub/chat/message with {"roomNo","type","sender","message"}: ENTER announces the member once per room, TALK
  // is stored and then broadcast; other types are ignored, as in the original. `sender` is not trusted.
  asio::awaitable<platform::stomp::verdict> on_send(platform::stomp::principal who, std::string destination,
                                                    platform::stomp::frame sent) override;
  // Leaving a room (or the connection) marks what was delivered meanwhile as read.
  asio::awaitable<void> on_unsubscribe(platform::stomp::principal who, std::string destination) override;
  asio::awaitable<void> on_disconnect(platform::stomp::principal who, std::vector<std::string> destinations) override;

 private:
  member::service& members_;
  service& chats_;
};

}  // namespace daengtionary::chat
