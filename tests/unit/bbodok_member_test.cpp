// bbodok::member pure rules: access-token claims as the original minted them, what Kakao sign-in and dev sign-in
// accept, FCM token bounds.
#include <chrono>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "apps/bbodok/member/access_token.hpp"
#include "apps/bbodok/member/validation.hpp"
#include "platform/auth/jwt.hpp"
#include "platform/auth/kakao.hpp"
#include "platform/auth/tokens.hpp"

namespace {

using namespace std::chrono_literals;
using bbodok::member::dev_member;
using bbodok::member::is_valid_auth_code;
using bbodok::member::is_valid_fcm_token;
using bbodok::member::issue_access_token;
using bbodok::member::kakao_member;
using bbodok::member::read_access_token;
using clock_type = std::chrono::system_clock;

const std::string key = "bbodok-test-secret-key-0123456789abcdef";
const clock_type::time_point t0 = clock_type::time_point(1'700'000'000s);
const platform::auth::token_issuer issuer(key, 3600s, 14 * 24h);

TEST(BbodokAccessToken, CarriesExactlyMemberIdIatAndExp) {
  const auto token = issue_access_token(issuer, 42, t0);
  const auto claims = platform::auth::jwt_signer(key).verify(token, t0);
  ASSERT_TRUE(claims);
  EXPECT_EQ(*claims, (boost::json::object{{"memberId", 42}, {"iat", 1'700'000'000}, {"exp", 1'700'003'600}}));
  EXPECT_EQ(read_access_token(issuer, token, t0 + 10s), 42);
  EXPECT_FALSE(read_access_token(issuer, token, t0 + 3601s));
}

TEST(BbodokAccessToken, AcceptsATokenOfTheOriginalsShapeMintedElsewhere) {
  const auto minted = platform::auth::jwt_signer(key).sign(
      boost::json::object{{"memberId", 7}, {"iat", 1'700'000'000}, {"exp", 1'700'000'060}});
  EXPECT_EQ(read_access_token(issuer, minted, t0), 7);
}

TEST(BbodokAccessToken, RefusesRefreshTokensAndOtherShapes) {
  const platform::auth::jwt_signer signer(key);
  EXPECT_FALSE(read_access_token(issuer, issuer.issue_refresh(t0), t0));
  EXPECT_FALSE(read_access_token(issuer, signer.sign({{"iat", 1}, {"exp", 1'800'000'000}}), t0));
  EXPECT_FALSE(read_access_token(issuer, signer.sign({{"memberId", "7"}, {"exp", 1'800'000'000}}), t0));
  EXPECT_FALSE(read_access_token(issuer, signer.sign({{"memberId", 7.5}, {"exp", 1'800'000'000}}), t0));
  EXPECT_FALSE(read_access_token(issuer, "junk", t0));
  const auto other_key = platform::auth::jwt_signer("another-secret-key-0123456789abcdef!!")
                             .sign({{"memberId", 7}, {"exp", 1'800'000'000}});
  EXPECT_FALSE(read_access_token(issuer, other_key, t0));
}

TEST(DevMember, NeedsANicknameAndBoundsEveryField) {
  const auto member = dev_member("민지", "https://k.kakaocdn.net/p.jpg", "minji@example.com");
  ASSERT_TRUE(member);
  EXPECT_EQ(member->name, "민지");
  EXPECT_EQ(member->email, "minji@example.com");
  EXPECT_FALSE(member->kakao_id);
  EXPECT_TRUE(dev_member("민지", std::nullopt, std::nullopt));
  EXPECT_FALSE(dev_member(std::nullopt, std::nullopt, std::nullopt));
  EXPECT_FALSE(dev_member("", std::nullopt, std::nullopt));
  EXPECT_FALSE(dev_member("  ", std::nullopt, std::nullopt));
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "가";
  EXPECT_TRUE(dev_member(fifty, std::nullopt, std::nullopt));
  EXPECT_FALSE(dev_member(fifty + "가", std::nullopt, std::nullopt));
  EXPECT_FALSE(dev_member("민지", std::string(1001, 'p'), std::nullopt));
  EXPECT_FALSE(dev_member("민지", std::nullopt, std::string(321, 'e')));
}

TEST(KakaoAuthCode, IsNotBlankAndAtMostAThousandBytes) {
  EXPECT_TRUE(is_valid_auth_code("Vb3nLk2-code_from_kakao"));
  EXPECT_TRUE(is_valid_auth_code(std::string(1000, 'c')));
  EXPECT_FALSE(is_valid_auth_code(std::string(1001, 'c')));
  EXPECT_FALSE(is_valid_auth_code(""));
  EXPECT_FALSE(is_valid_auth_code("  "));
}

TEST(KakaoMember, TakesTheKakaoProfileAndRefusesTextNoRequestCouldCarry) {
  const platform::auth::kakao_user user{3001, "민지", "minji@example.com", true, "https://k.kakaocdn.net/m.jpg"};
  const auto member = kakao_member(user);
  ASSERT_TRUE(member);
  EXPECT_EQ(member->kakao_id, 3001);
  EXPECT_EQ(member->name, "민지");
  EXPECT_EQ(member->profile, "https://k.kakaocdn.net/m.jpg");
  EXPECT_EQ(member->email, "minji@example.com");
  EXPECT_TRUE(kakao_member({3001, "민지", std::nullopt, false, std::nullopt}));

  using namespace std::string_literals;
  auto with_nul = user;
  with_nul.nickname = "민\0지"s;
  EXPECT_FALSE(kakao_member(with_nul));
  auto bad_utf8 = user;
  bad_utf8.profile_image = "https://k.kakaocdn.net/\xff.jpg";
  EXPECT_FALSE(kakao_member(bad_utf8));
  auto control = user;
  control.email = "minji\x01@example.com";
  EXPECT_FALSE(kakao_member(control));
}

TEST(FcmToken, IsNotBlankAndAtMostAThousandCharacters) {
  EXPECT_TRUE(is_valid_fcm_token("fcm:token"));
  EXPECT_TRUE(is_valid_fcm_token(std::string(1000, 't')));
  EXPECT_FALSE(is_valid_fcm_token(std::string(1001, 't')));
  EXPECT_FALSE(is_valid_fcm_token(""));
  EXPECT_FALSE(is_valid_fcm_token(" \t"));
}

}  // namespace
