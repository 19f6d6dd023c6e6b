// Makes one STOMP session per connection, for any transport's endpoint (ws::endpoint now, SockJS later).
#pragma once

#include <memory>

#include "platform/messaging/connection.hpp"
#include "platform/stomp/application.hpp"
#include "platform/stomp/broker.hpp"
#include "platform/stomp/rules.hpp"
#include "platform/stomp/session.hpp"

namespace platform::stomp {

// `routes.add_websocket("/ws", ws::endpoint(stomp::handler_factory(broker, app, options)))`: callable with
// whatever a transport describes a new connection with (it is not looked at), so the same object serves every
// transport. The broker and the application must outlive every session it makes. Over a WebSocket, turn on
// ws::session_options::coalesce: STOMP frames are a byte stream, so a backlog can go out as one message.
class handler_factory {
 public:
  handler_factory(broker& relay, application& app, session_options options = {});

  std::shared_ptr<messaging::handler> make_handler() const;

  template <class ConnectionRequest>
  std::shared_ptr<messaging::handler> operator()(const ConnectionRequest&) const {
    return make_handler();
  }

 private:
  broker* broker_;
  application* app_;
  std::shared_ptr<const destination_rules> rules_;
  std::shared_ptr<const session_options> options_;
};

}  // namespace platform::stomp
