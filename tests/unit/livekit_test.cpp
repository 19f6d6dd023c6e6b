// LiveKit access tokens: the claims LiveKit's SDK would have written, signed with the API secret.
#include "platform/auth/livekit.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "platform/auth/jwt.hpp"

namespace {

using namespace std::chrono_literals;
using platform::auth::livekit_participant;
using platform::auth::livekit_token_issuer;
using platform::auth::livekit_video_grant;

const std::string secret = "livekit-api-secret-of-at-least-32-bytes";
const std::chrono::system_clock::time_point now{1688169600s};

TEST(LivekitToken, CarriesTheSdkClaimsAndTheVideoGrant) {
  const livekit_token_issuer tokens("APIkey123", secret, 300s);
  const auto token = tokens.issue({"민지", "민지", std::nullopt}, {.room = "42"}, now);
  const auto claims = platform::auth::jwt_signer(secret).verify(token, now + 1s);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->at("iss"), "APIkey123");
  EXPECT_EQ(claims->at("sub"), "민지");
  EXPECT_EQ(claims->at("jti"), "민지");
  EXPECT_EQ(claims->at("name"), "민지");
  EXPECT_EQ(claims->at("iat"), 1688169600);
  EXPECT_EQ(claims->at("nbf"), 1688169600);
  EXPECT_EQ(claims->at("exp"), 1688169900);
  EXPECT_FALSE(claims->contains("metadata"));
  EXPECT_EQ(boost::json::serialize(claims->at("video")),
            R"({"room":"42","roomJoin":true,"canPublish":true,"canPublishData":true,"canSubscribe":true})");
}

TEST(LivekitToken, CarriesMetadataWhenGivenAndExpiresAfterItsTtl) {
  const livekit_token_issuer tokens("APIkey123", secret, 300s);
  const auto token = tokens.issue({"id-1", "Name", std::string(R"({"seat":3})")}, {.room = "7"}, now);
  const platform::auth::jwt_signer verifier(secret);
  const auto claims = verifier.verify(token, now);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->at("metadata"), R"({"seat":3})");
  EXPECT_FALSE(verifier.verify(token, now + 301s));
  EXPECT_FALSE(platform::auth::jwt_signer("another-secret-of-at-least-32-bytes!!").verify(token, now));
}

TEST(LivekitToken, RefusesShortSecrets) {
  EXPECT_THROW(livekit_token_issuer("key", "short", 300s), std::invalid_argument);
}

}  // namespace
