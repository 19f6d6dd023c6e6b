// LiveKit video (contract §4.3): access tokens for the study room's video, only for live rooms, and the SFU's URL.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "apps/bbodok/common/async.hpp"
#include "platform/auth/livekit.hpp"

namespace platform::sql {
class database;
}

namespace bbodok::video {

// What the token route passes on from the query.
struct token_request {
  std::string identity;
  std::string name;
  std::string room_name;  // the room id, as the frontend names LiveKit rooms
  std::optional<std::string> metadata;
};

class service {
 public:
  // livekit: nullopt when LiveKit is not configured. open_before: how long before its start a room is live.
  service(platform::sql::database& db, std::optional<platform::auth::livekit_settings> livekit,
          std::chrono::minutes open_before);

  bool configured() const { return issuer_.has_value(); }
  const std::string& url() const { return url_; }

  // A 5-minute token for a live room; nullopt for anything else (no such room, not live, bad names).
  asio::awaitable<std::optional<std::string>> token(token_request request);

 private:
  platform::sql::database& db_;
  std::optional<platform::auth::livekit_token_issuer> issuer_;
  std::string url_;
  std::int64_t open_before_;  // microseconds
};

}  // namespace bbodok::video
