// LiveKit access tokens: the HS256 JWT a LiveKit SFU admits a participant with (identity, display name, and a
// video grant for one room), signed with the project's API key and secret.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platform/auth/jwt.hpp"

namespace platform::auth {

// A LiveKit project, from configuration: the API key and secret tokens are signed with, and the URL clients
// connect to (wss://…).
struct livekit_settings {
  std::string api_key;
  std::string api_secret;
  std::string url;
};

// What the participant may do in the room; the keys LiveKit's VideoGrant reads.
struct livekit_video_grant {
  std::string room;
  bool room_join = true;
  bool can_publish = true;
  bool can_publish_data = true;
  bool can_subscribe = true;
};

struct livekit_participant {
  std::string identity;  // `sub` and `jti`, as LiveKit's own SDK sets them
  std::string name;
  std::optional<std::string> metadata;
};

// Immutable; shareable across threads.
class livekit_token_issuer {
 public:
  // api_secret: at least 32 bytes (jwt_signer's rule; LiveKit's generated secrets are longer). Throws
  // std::invalid_argument otherwise.
  livekit_token_issuer(std::string api_key, std::string api_secret, std::chrono::seconds ttl);

  // Claims: iss = API key, sub = jti = identity, name, [metadata], video, iat = nbf = now, exp = now + ttl.
  std::string issue(const livekit_participant& who, const livekit_video_grant& grant,
                    std::chrono::system_clock::time_point now) const;

 private:
  std::string api_key_;
  jwt_signer signer_;
  std::chrono::seconds ttl_;
};

}  // namespace platform::auth
