// Entering chat rooms and relaying messages.
#include "apps/bbodok/chat/realtime.hpp"

#include <charconv>

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "apps/bbodok/room/live_window.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::chat {
namespace {

namespace socketio = platform::socketio;
using clock = platform::messaging::token_bucket::clock;

// The frontend sends the room id as the string of its /study/:roomId route; a number is as good.
std::optional<std::int64_t> room_id_of(const boost::json::value& v) {
  if (v.is_int64()) return v.get_int64() > 0 ? std::optional(v.get_int64()) : std::nullopt;
  if (!v.is_string()) return std::nullopt;
  const std::string_view text = v.get_string();
  std::int64_t id = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), id);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

bool live_room(platform::sql::connection& db, std::int64_t room_id, std::int64_t open_before) {
  const auto room = room::find_open_room(db, room_id);
  return room && room::is_live(*room, platform::time::now_micros(), open_before);
}

std::string room_channel(std::int64_t room_id) { return "study-room/" + std::to_string(room_id); }

}  // namespace

realtime::realtime(platform::sql::database& db, chat_settings settings) : db_(db), settings_(settings) {}

platform::asio::awaitable<bool> realtime::on_connect(std::shared_ptr<socketio::socket> s, boost::json::value) {
  const std::lock_guard lock(mutex_);
  sockets_.emplace(s->id(), socket_state{{},
                                         platform::messaging::token_bucket(settings_.messages_per_second,
                                                                           settings_.burst, clock::now())});
  co_return true;  // the frontend sends no credentials: rooms, not sockets, are what is checked
}

platform::asio::awaitable<void> realtime::on_event(std::shared_ptr<socketio::socket> s, std::string name,
                                                   boost::json::array args, std::optional<socketio::acknowledge>) {
  if (name == "enter-room") {
    co_await enter(std::move(s), std::move(args));
  } else if (name == "sentMessage") {
    relay(s, std::move(args));
  }
}

void realtime::on_disconnect(const std::shared_ptr<socketio::socket>& s) {
  const std::lock_guard lock(mutex_);
  sockets_.erase(s->id());
}

platform::asio::awaitable<void> realtime::enter(std::shared_ptr<socketio::socket> s, boost::json::array args) {
  const auto room_id = args.empty() ? std::nullopt : room_id_of(args.front());
  const auto open_before = std::chrono::duration_cast<std::chrono::microseconds>(settings_.open_before).count();
  if (!room_id) co_return;
  // Awaited into a variable: GCC 12 miscompiles `!co_await` inside a condition (SIGILL under the sanitizers).
  const bool live = co_await db_.run(live_room, *room_id, open_before);
  if (!live) {
    spdlog::debug("chat: socket {} may not enter room {}", s->id(), *room_id);
    co_return;
  }
  std::string channel = room_channel(*room_id);
  std::string previous;
  {
    const std::lock_guard lock(mutex_);
    const auto it = sockets_.find(s->id());
    if (it == sockets_.end()) co_return;
    previous = std::exchange(it->second.room, channel);
  }
  if (!previous.empty() && previous != channel) s->leave(previous);
  s->join(channel);
}

void realtime::relay(const std::shared_ptr<socketio::socket>& s, boost::json::array args) {
  if (args.empty() || !args.front().is_object()) return;
  if (boost::json::serialize(args.front()).size() > settings_.max_message_bytes) return;
  std::string room;
  {
    const std::lock_guard lock(mutex_);
    const auto it = sockets_.find(s->id());
    if (it == sockets_.end() || it->second.room.empty() || !it->second.sent.try_take(clock::now())) return;
    room = it->second.room;
  }
  s->broadcast(room, "showMessage", boost::json::array{std::move(args.front())});
}

}  // namespace bbodok::chat
