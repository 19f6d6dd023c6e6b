// Minting LiveKit tokens for live rooms.
#include "apps/bbodok/video/service.hpp"

#include <charconv>

#include "apps/bbodok/room/live_window.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::video {
namespace {

using namespace std::chrono_literals;

// The join window only, as the original's tokens.
constexpr auto token_lifetime = 5min;
// LiveKit keeps identities and names in its own messages; a display name is a few dozen characters.
constexpr std::size_t max_name_bytes = 256;
constexpr std::size_t max_metadata_bytes = 4096;

std::optional<std::int64_t> room_id_of(std::string_view name) {
  std::int64_t id = 0;
  const auto parsed = std::from_chars(name.data(), name.data() + name.size(), id);
  if (parsed.ec != std::errc() || parsed.ptr != name.data() + name.size() || id <= 0) return std::nullopt;
  return id;
}

bool live_room(platform::sql::connection& db, std::int64_t room_id, std::int64_t open_before) {
  const auto room = room::find_open_room(db, room_id);
  return room && room::is_live(*room, platform::time::now_micros(), open_before);
}

}  // namespace

service::service(platform::sql::database& db, std::optional<platform::auth::livekit_settings> livekit,
                 std::chrono::minutes open_before)
    : db_(db), open_before_(std::chrono::duration_cast<std::chrono::microseconds>(open_before).count()) {
  if (livekit) {
    issuer_.emplace(livekit->api_key, livekit->api_secret, token_lifetime);
    url_ = livekit->url;
  }
}

asio::awaitable<std::optional<std::string>> service::token(token_request request) {
  if (!issuer_ || request.identity.empty() || request.identity.size() > max_name_bytes ||
      request.name.size() > max_name_bytes || (request.metadata && request.metadata->size() > max_metadata_bytes)) {
    co_return std::nullopt;
  }
  const auto room_id = room_id_of(request.room_name);
  if (!room_id) co_return std::nullopt;
  // Awaited into a variable: GCC 12 miscompiles `!co_await` inside a condition (SIGILL under the sanitizers).
  const bool live = co_await db_.run(live_room, *room_id, open_before_);
  if (!live) co_return std::nullopt;
  platform::auth::livekit_participant who{std::move(request.identity), std::move(request.name),
                                          std::move(request.metadata)};
  const platform::auth::livekit_video_grant grant{.room = std::move(request.room_name)};
  co_return issuer_->issue(who, grant, std::chrono::system_clock::now());
}

}  // namespace bbodok::video
