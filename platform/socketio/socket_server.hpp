// The Socket.IO v5 protocol on Engine.IO sessions: namespaces, each with its own CONNECT (and auth), events with
// acknowledgements, rooms and DISCONNECT, multiplexed on one session. An app implements socketio::application
// for each namespace it serves; register_endpoint(routes, "/socket.io", socket_server.factory()) serves them.
#pragma once

#include <chrono>
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

// One client connected to one namespace; a client connected to several has one socket in each, all on the same
// Engine.IO session. Its methods may be called from any thread.
class socket : public std::enable_shared_from_this<socket> {
 public:
  socket(std::shared_ptr<messaging::connection> connection, rooms& nsp_rooms, std::string nsp, std::string id,
         boost::json::value auth);
  ~socket();
  socket(const socket&) = delete;
  socket& operator=(const socket&) = delete;

  // The Socket.IO socket id (not the Engine.IO session id).
  const std::string& id() const { return id_; }
  const std::string& nsp() const { return nsp_; }
  // The CONNECT packet's payload (null when none): the reference server's socket.handshake.auth.
  const boost::json::value& auth() const { return auth_; }
  const std::string& remote_ip() const { return connection_->remote_ip(); }

  // An event to this client.
  void emit(std::string_view event, boost::json::array args) const;
  // An event to every other socket in `room` of this namespace, on every instance.
  void broadcast(std::string_view room, std::string_view event, boost::json::array args) const;

  // Joining twice is harmless; rooms are left when the socket disconnects. Not thread-safe: call them from the
  // application's callbacks, which run one at a time per socket.
  void join(const std::string& room);
  void leave(const std::string& room);
  bool in_room(const std::string& room) const;
  std::size_t room_count() const { return memberships_.size(); }

  // Ends the whole Engine.IO session, every namespace on it (the reference server's disconnect(true)); the client
  // may reconnect.
  void disconnect() const;

 private:
  std::shared_ptr<messaging::connection> connection_;
  rooms& rooms_;
  std::string nsp_;
  std::string id_;
  boost::json::value auth_;
  std::map<std::string, messaging::subscription, std::less<>> memberships_;
};

// Answers an event's acknowledgement once.
using acknowledge = std::function<void(boost::json::array)>;

// Every callback runs on the socket's Engine.IO session executor, one at a time per socket; database work goes
// through the blocking pool and is awaited.
class application {
 public:
  virtual ~application();
  // A CONNECT to the application's namespace with its auth payload (null when none). False refuses it with
  // CONNECT_ERROR {"message":"Not authorized"}.
  virtual asio::awaitable<bool> on_connect(std::shared_ptr<socket> s, boost::json::value auth) = 0;
  // Once the client knows it is connected (the CONNECT answer went out first): what the socket emits from here on
  // reaches it, where the client drops events that arrive before its namespace is connected.
  virtual void on_connected(const std::shared_ptr<socket>& s);
  // An event; `ack` is set when the client asked for an acknowledgement.
  virtual asio::awaitable<void> on_event(std::shared_ptr<socket> s, std::string name, boost::json::array args,
                                         std::optional<acknowledge> ack) = 0;
  // After the socket disconnected (DISCONNECT, or its session ended); it has left every room.
  virtual void on_disconnect(const std::shared_ptr<socket>& s);
};

struct socket_options {
  decode_limits limits;
  // A session that has not connected to any namespace within this is closed (the reference server's
  // connectTimeout).
  std::chrono::milliseconds connect_timeout{45'000};
};

// Makes the protocol handler of each Engine.IO session. The applications and the server must outlive every session.
class socket_server {
 public:
  // Serves `main` on the main namespace "/".
  socket_server(kv::pubsub& bus, application& main, socket_options options = {});
  ~socket_server();
  socket_server(const socket_server&) = delete;
  socket_server& operator=(const socket_server&) = delete;

  // Serves `app` on namespace `name` ("/chat"), with rooms of its own. Call before the endpoint serves: the table
  // is read without a lock afterwards. Throws std::invalid_argument for a name that is taken, does not start with
  // '/', or holds '#' or ','.
  void add_namespace(std::string name, application& app);

  // For register_endpoint.
  handler_factory factory();

  struct served_namespace;

 private:
  kv::pubsub& bus_;
  socket_options options_;
  std::map<std::string, std::unique_ptr<served_namespace>, std::less<>> namespaces_;
};

}  // namespace platform::socketio
