// The claim set LiveKit's server SDK builds (AccessToken.toJwt), so the SFU reads ours as its own.
#include "platform/auth/livekit.hpp"

#include <boost/json/object.hpp>

namespace platform::auth {

livekit_token_issuer::livekit_token_issuer(std::string api_key, std::string api_secret, std::chrono::seconds ttl)
    : api_key_(std::move(api_key)), signer_(std::move(api_secret)), ttl_(ttl) {}

std::string livekit_token_issuer::issue(const livekit_participant& who, const livekit_video_grant& grant,
                                        std::chrono::system_clock::time_point now) const {
  const auto issued_at = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  boost::json::object video{{"room", grant.room},
                            {"roomJoin", grant.room_join},
                            {"canPublish", grant.can_publish},
                            {"canPublishData", grant.can_publish_data},
                            {"canSubscribe", grant.can_subscribe}};
  boost::json::object claims{
      {"video", std::move(video)}, {"name", who.name}, {"iss", api_key_},  {"sub", who.identity},
      {"jti", who.identity},       {"iat", issued_at}, {"nbf", issued_at}, {"exp", issued_at + ttl_.count()}};
  if (who.metadata) claims["metadata"] = *who.metadata;
  return signer_.sign(claims);
}

}  // namespace platform::auth
