// daengtionary::member access tokens: the exact claims the frontend decodes, on the platform's issuer.
#include "apps/daengtionary/member/access_token.hpp"

#include <chrono>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "platform/auth/base64.hpp"
#include "platform/auth/jwt.hpp"
#include "platform/auth/tokens.hpp"

namespace {

using namespace std::chrono_literals;
using daengtionary::member::access_claims;
using daengtionary::member::issue_access_token;
using daengtionary::member::read_access_token;
using clock_type = std::chrono::system_clock;

const std::string test_key = "daengtionary-test-secret-key-0123456789";
const clock_type::time_point t0 = clock_type::time_point(1'700'000'000s);
const platform::auth::token_issuer issuer(test_key, 3600s, 7 * 24h);

boost::json::object payload_of(std::string_view token) {
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  const auto json = platform::auth::base64url_decode(token.substr(first + 1, last - first - 1));
  EXPECT_TRUE(json.has_value());
  return boost::json::parse(json.value_or("{}")).as_object();
}

TEST(MemberAccessToken, IssuesExactlySubAuthExpWhenLoggingIn) {
  const auto now = t0 + 700ms;
  const auto token = issue_access_token(issuer, access_claims{.email = "dog@example.com", .role = "USER"}, now);
  const auto payload = payload_of(token);
  EXPECT_EQ(payload.size(), 3U);
  EXPECT_EQ(payload.at("sub"), "dog@example.com");
  EXPECT_EQ(payload.at("auth"), "USER");
  EXPECT_EQ(payload.at("exp").as_int64(), 1'700'000'000 + 3600);

  const auto claims = read_access_token(issuer, token, now);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->email, "dog@example.com");
  EXPECT_EQ(claims->role, "USER");
  EXPECT_FALSE(read_access_token(issuer, token, t0 + 3600s));
}

TEST(MemberAccessToken, RejectsTokensWithoutStringSubAndAuth) {
  EXPECT_FALSE(read_access_token(issuer, issuer.issue_refresh(t0), t0));
  const platform::auth::jwt_signer signer(test_key);
  EXPECT_FALSE(read_access_token(issuer, signer.sign({{"sub", "a"}, {"exp", 4102444800}}), t0));
  EXPECT_FALSE(read_access_token(issuer, signer.sign({{"auth", "USER"}, {"exp", 4102444800}}), t0));
  EXPECT_FALSE(read_access_token(issuer, signer.sign({{"sub", 1}, {"auth", "USER"}, {"exp", 4102444800}}), t0));
  EXPECT_TRUE(read_access_token(issuer, signer.sign({{"sub", "a"}, {"auth", "USER"}, {"exp", 4102444800}}), t0));
}

}  // namespace
