// The study room's text chat over Socket.IO (contract §4.2): `enter-room` joins a room, `sentMessage` is relayed
// as `showMessage` to the room's other sockets. Narrowed where the original let anyone do anything: only live
// rooms, messages bounded in size and in rate per socket.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "apps/bbodok/chat/settings.hpp"
#include "platform/messaging/token_bucket.hpp"
#include "platform/socketio/socket_server.hpp"

namespace platform::sql {
class database;
}

namespace bbodok::chat {

// Callbacks of one socket run one at a time; different sockets' run on different I/O threads, so the per-socket
// state below is behind a mutex that is never held across a co_await.
class realtime final : public platform::socketio::application {
 public:
  realtime(platform::sql::database& db, chat_settings settings);

  platform::asio::awaitable<bool> on_connect(std::shared_ptr<platform::socketio::socket> s,
                                             boost::json::value auth) override;
  platform::asio::awaitable<void> on_event(std::shared_ptr<platform::socketio::socket> s, std::string name,
                                           boost::json::array args,
                                           std::optional<platform::socketio::acknowledge> ack) override;
  void on_disconnect(const std::shared_ptr<platform::socketio::socket>& s) override;

 private:
  struct socket_state {
    std::string room;  // the socket.io room of the study room entered, empty before
    platform::messaging::token_bucket sent;
  };

  platform::asio::awaitable<void> enter(std::shared_ptr<platform::socketio::socket> s, boost::json::array args);
  void relay(const std::shared_ptr<platform::socketio::socket>& s, boost::json::array args);

  platform::sql::database& db_;
  chat_settings settings_;
  std::mutex mutex_;  // guards sockets_
  std::unordered_map<std::string, socket_state> sockets_;
};

}  // namespace bbodok::chat
