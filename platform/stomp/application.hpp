// What an app implements to sit behind the STOMP server: who may connect, subscribe and send, and what a SEND
// to an application destination does.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "platform/io/asio.hpp"
#include "platform/stomp/frame.hpp"
#include "platform/stomp/rules.hpp"

namespace platform::stomp {

// Who is on the other end of a session, as the application authenticated them.
struct principal {
  std::string id;
  std::string name;
};

// Every callback runs on the session's executor (an I/O thread): database work goes through the blocking pool
// and is awaited, as in an HTTP handler. A session handles one frame at a time, so callbacks of one session never
// overlap; callbacks of different sessions do. A refusal becomes an ERROR frame with its message, after which
// the connection is closed (STOMP 1.2). An exception is logged and answered as an internal error the same way.
// Parameters are values, as for any coroutine.
class application {
 public:
  virtual ~application();

  // The CONNECT (or STOMP) frame with the headers the client sent (login, passcode, Authorization, ...).
  virtual asio::awaitable<answer<principal>> authenticate(frame connect, std::string remote_ip) = 0;

  // Whether `who` may subscribe to a broker destination (a chat room they belong to, say).
  virtual asio::awaitable<verdict> authorize_subscribe(principal who, std::string destination) = 0;

  // A SEND to an application destination (one under the application prefixes). The application does the work and
  // publishes what subscribers should see on the broker destination's kv channel. Clients cannot publish to a
  // broker destination themselves: that is the application's decision.
  virtual asio::awaitable<verdict> on_send(principal who, std::string destination, frame sent) = 0;

  // Notifications (the chat marks rooms read): an UNSUBSCRIBE of a subscription the session held, and the end of
  // a connected session however it ended (DISCONNECT, ERROR, the transport closing) with the destinations it
  // was still subscribed to. Defaults do nothing.
  virtual asio::awaitable<void> on_unsubscribe(principal who, std::string destination);
  virtual asio::awaitable<void> on_disconnect(principal who, std::vector<std::string> destinations);
};

}  // namespace platform::stomp
