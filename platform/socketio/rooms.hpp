// Socket.IO rooms of one namespace across instances: a broadcast to a room goes through kv pub/sub (so every
// instance hears it, once pub/sub is Redis), and each instance hands it to its own members of the room, fanned out
// per I/O thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/kv/pubsub.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/messaging/subscription.hpp"

namespace platform::socketio {

namespace detail {
struct room_member;
class room_channel;
}  // namespace detail

// Threading: join, broadcast and the handles' destruction may run on any thread. The map of rooms is behind one
// mutex held only to add or remove an entry and never while a kv subscription is cancelled (that waits for a
// delivery in progress).
class rooms {
 public:
  // The kv channel of a room is "socket.io#<nsp>#<room>": a namespace holds no '#' (socket_server refuses such
  // names), so rooms of different namespaces never share a channel.
  rooms(kv::pubsub& bus, std::string_view nsp);
  ~rooms();  // every handle must be gone first
  rooms(const rooms&) = delete;
  rooms& operator=(const rooms&) = delete;

  // `to` (as socket `socket_id`) receives the room's broadcasts, except its own, until the handle is destroyed.
  messaging::subscription join(const std::string& room, std::shared_ptr<messaging::connection> to,
                               std::string socket_id);

  // Sends the Engine.IO message `packet` (an encoded Socket.IO packet) to every member of the room on every
  // instance, except the socket `except_socket_id`.
  void broadcast(std::string_view room, std::string_view except_socket_id, std::string_view packet);

  std::size_t member_count(std::string_view room) const;

 private:
  class membership;
  struct room_entry {
    std::shared_ptr<detail::room_channel> channel;
    kv::subscription feed;
  };
  void leave(const std::string& room, const detail::room_member& member) noexcept;
  std::string channel_of(std::string_view room) const;

  kv::pubsub& bus_;
  std::string channel_prefix_;
  mutable std::mutex mutex_;  // guards rooms_
  std::unordered_map<std::string, room_entry> rooms_;
};

}  // namespace platform::socketio
