// The Socket.IO v5 protocol on Engine.IO sessions: the main namespace's CONNECT, events with acknowledgements,
// DISCONNECT, and rooms. An app implements socketio::application; register_endpoint(routes, "/socket.io",
// socket_server.factory()) serves it.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "platform/io/asio.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/messaging/subscription.hpp"
#include "platform/socketio/rooms.hpp"
#include "platform/socketio/server.hpp"
#include "platform/socketio/socket_packet.hpp"

namespace platform::socketio {

// One client connected to the main namespace "/". Its methods may be called from any thread.
class socket : public std::enable_shared_from_this<socket> {
 public:
  socket(std::shared_ptr<messaging::connection> connection, rooms& all_rooms, std::string id);
  ~socket();
  socket(const socket&) = delete;
  socket& operator=(const socket&) = delete;

  // The Socket.IO socket id (not the Engine.IO session id).
  const std::string& id() const { return id_; }
  const std::string& remote_ip() const { return connection_->remote_ip(); }

  // An event to this client.
  void emit(std::string_view event, boost::json::array args) const;
  // An event to every other socket in `room`, on every instance.
  void broadcast(std::string_view room, std::string_view event, boost::json::array args) const;

  // Joining twice is harmless; rooms are left when the socket disconnects. Not thread-safe: call them from the
  // application's callbacks, which run one at a time per socket.
  void join(const std::string& room);
  void leave(const std::string& room);
  bool in_room(const std::string& room) const;
  std::size_t room_count() const { return memberships_.size(); }

  // Ends the session (the client may reconnect).
  void disconnect() const;

 private:
  std::shared_ptr<messaging::connection> connection_;
  rooms& rooms_;
  std::string id_;
  std::map<std::string, messaging::subscription, std::less<>> memberships_;
};

// Answers an event's acknowledgement once.
using acknowledge = std::function<void(boost::json::array)>;

// Every callback runs on the socket's Engine.IO session executor, one at a time per socket; database work goes
// through the blocking pool and is awaited.
class application {
 public:
  virtual ~application();
  // A CONNECT to "/" with its auth payload (null when none). False refuses it with CONNECT_ERROR.
  virtual asio::awaitable<bool> on_connect(std::shared_ptr<socket> s, boost::json::value auth) = 0;
  // An event; `ack` is set when the client asked for an acknowledgement.
  virtual asio::awaitable<void> on_event(std::shared_ptr<socket> s, std::string name, boost::json::array args,
                                         std::optional<acknowledge> ack) = 0;
  // After the socket disconnected (DISCONNECT, or its session ended); it has left every room.
  virtual void on_disconnect(const std::shared_ptr<socket>& s);
};

struct socket_options {
  decode_limits limits;
};

// Makes the protocol handler of each Engine.IO session. The application and the rooms must outlive every session.
class socket_server {
 public:
  socket_server(kv::pubsub& bus, application& app, socket_options options = {});

  // For register_endpoint.
  handler_factory factory();

  rooms& all_rooms() { return rooms_; }

 private:
  application& app_;
  socket_options options_;
  rooms rooms_;
};

}  // namespace platform::socketio
