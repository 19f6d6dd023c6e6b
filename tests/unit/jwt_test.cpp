// Unit tests for platform::auth JWTs, access/refresh tokens, Base64 and Bearer header parsing.
#include "platform/auth/jwt.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "platform/auth/base64.hpp"
#include "platform/auth/digest.hpp"
#include "platform/auth/tokens.hpp"

namespace {

using namespace std::chrono_literals;
using platform::auth::base64_decode;
using platform::auth::base64url_decode;
using platform::auth::base64url_encode;
using platform::auth::bearer_token;
using platform::auth::jwt_signer;
using platform::auth::token_issuer;
using clock_type = std::chrono::system_clock;

const std::string test_key = "daengtionary-test-secret-key-0123456789";
const clock_type::time_point t0 = clock_type::time_point(1'700'000'000s);

// Made with Python's hmac/hashlib/base64 (independently of this code) and the key above:
// header {"typ":"JWT","alg":"HS256"}, claims
// {"sub":"dog@example.com","auth":"USER","exp":4102444800}.
constexpr std::string_view external_token =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
    "eyJzdWIiOiJkb2dAZXhhbXBsZS5jb20iLCJhdXRoIjoiVVNFUiIsImV4cCI6NDEwMjQ0NDgwMH0."
    "w9t_KpgxlKHYNAP4cgPLENS7uZTIk5sJzSJNB1dkLqc";

boost::json::object payload_of(std::string_view token) {
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  const auto json = base64url_decode(token.substr(first + 1, last - first - 1));
  EXPECT_TRUE(json.has_value());
  return boost::json::parse(json.value_or("{}")).as_object();
}

std::string segment(const boost::json::object& o) { return base64url_encode(boost::json::serialize(o)); }

std::string with_payload(std::string_view token, const boost::json::object& payload) {
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  return std::string(token.substr(0, first + 1)) + segment(payload) + std::string(token.substr(last));
}

token_issuer make_issuer(std::string key = test_key) { return token_issuer(std::move(key), 3600s, 7 * 24h); }

// --- base64 / digest ---

TEST(Base64, Base64UrlRoundTripsAllLengthsWhenEncodedThenDecoded) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    const auto encoded = base64url_encode(bytes);
    EXPECT_EQ(encoded.find('='), std::string::npos);
    EXPECT_EQ(base64url_decode(encoded), bytes);
    bytes.push_back(static_cast<char>(i * 37 + 200));
  }
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64, Base64UrlDecodeRejectsWhenPaddedOrOutsideAlphabetOrNonCanonical) {
  EXPECT_FALSE(base64url_decode("YQ=="));
  EXPECT_FALSE(base64url_decode("YQ="));
  EXPECT_FALSE(base64url_decode("a+b/"));
  EXPECT_FALSE(base64url_decode("Y"));   // one sextet cannot hold a byte
  EXPECT_FALSE(base64url_decode("YR"));  // "a" is "YQ"; trailing bits set
  EXPECT_FALSE(base64url_decode("YQ\n"));
  EXPECT_EQ(base64url_decode("YQ"), "a");
  EXPECT_EQ(base64url_decode(""), "");
}

TEST(Base64, DecodesConfiguredSecretWhenPaddedOrNot) {
  EXPECT_EQ(base64_decode("ZGFlbmd0aW9uYXJ5LXRlc3Qtc2VjcmV0LWtleS0wMTIzNDU2Nzg5"), test_key);
  EXPECT_EQ(base64_decode("YWI+Pz8/"), "ab>???");
  EXPECT_EQ(base64_decode("YQ=="), "a");
  EXPECT_EQ(base64_decode("YQ"), "a");
  EXPECT_FALSE(base64_decode("YQ="));
  EXPECT_FALSE(base64_decode("YQ==="));
  EXPECT_FALSE(base64_decode("Y-_a"));
}

TEST(Digest, Sha256HexMatchesKnownVectorWhenHashingAbc) {
  EXPECT_EQ(platform::auth::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// --- jwt_signer ---

TEST(JwtSigner, RejectsKeyWhenShorterThan32Bytes) {
  EXPECT_THROW(jwt_signer(std::string(31, 'k')), std::invalid_argument);
  EXPECT_NO_THROW(jwt_signer(std::string(32, 'k')));
}

TEST(JwtSigner, RoundTripsClaimsWhenSignedAndVerified) {
  const jwt_signer signer(test_key);
  const boost::json::object claims{{"sub", "a@b.c"}, {"exp", 1'700'000'100}, {"n", 3}};
  const auto token = signer.sign(claims);
  EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);
  EXPECT_EQ(signer.verify(token, t0), claims);
}

TEST(JwtSigner, VerifiesTokenWhenMadeByAnotherImplementation) {
  const auto issuer = make_issuer();
  const auto claims = issuer.verify_access(external_token, t0);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->at("sub"), "dog@example.com");
  EXPECT_EQ(claims->at("auth"), "USER");
  EXPECT_EQ(claims->at("exp"), 4'102'444'800);
}

TEST(JwtSigner, RejectsTokenWhenExpired) {
  const jwt_signer signer(test_key);
  const auto token = signer.sign({{"exp", 1'700'000'000}});
  EXPECT_TRUE(signer.verify(token, t0 - 1ms));
  EXPECT_FALSE(signer.verify(token, t0));  // exp == now is expired
  EXPECT_FALSE(signer.verify(token, t0 + 500ms));
}

TEST(JwtSigner, RejectsTokenWhenExpMissingOrNotInteger) {
  const jwt_signer signer(test_key);
  EXPECT_FALSE(signer.verify(signer.sign({{"sub", "x"}}), t0));
  EXPECT_FALSE(signer.verify(signer.sign({{"exp", "4102444800"}}), t0));
  EXPECT_FALSE(signer.verify(signer.sign({{"exp", 4102444800.0}}), t0));
  EXPECT_FALSE(signer.verify(signer.sign({{"exp", nullptr}}), t0));
  EXPECT_FALSE(signer.verify(signer.sign({{"exp", 18'446'744'073'709'551'615ULL}}), t0));
  EXPECT_TRUE(signer.verify(signer.sign({{"exp", 4'102'444'800ULL}}), t0));
}

TEST(JwtSigner, RejectsTokenWhenPayloadTampered) {
  const auto issuer = make_issuer();
  auto payload = payload_of(external_token);
  payload["sub"] = "admin@example.com";
  EXPECT_FALSE(issuer.verify_access(with_payload(external_token, payload), t0));
}

TEST(JwtSigner, RejectsTokenWhenSignatureTampered) {
  const auto issuer = make_issuer();
  std::string token(external_token);
  token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(issuer.verify_access(token, t0));
  EXPECT_FALSE(issuer.verify_access(token.substr(0, token.size() - 4), t0));   // truncated
  EXPECT_FALSE(issuer.verify_access(std::string(external_token) + "AA", t0));  // extended
}

TEST(JwtSigner, RejectsTokenWhenSignedWithAnotherKey) {
  const auto other = make_issuer(std::string(test_key) + "!");
  EXPECT_FALSE(other.verify_access(external_token, t0));
  const auto token = other.issue_access({{"sub", "a@b.c"}, {"auth", "USER"}}, t0);
  EXPECT_FALSE(make_issuer().verify_access(token, t0));
}

TEST(JwtSigner, RejectsTokenWhenAlgIsNoneOrNotHs256) {
  const jwt_signer signer(test_key);
  const std::string payload = segment({{"sub", "a"}, {"auth", "USER"}, {"exp", 4102444800}});
  EXPECT_FALSE(signer.verify(segment({{"alg", "none"}}) + "." + payload + ".", t0));
  EXPECT_FALSE(signer.verify(segment({{"alg", "none"}}) + "." + payload, t0));
  // A valid HS256 MAC under a header claiming another alg must still fail.
  const auto good = signer.sign({{"sub", "a"}, {"exp", 4102444800}});
  for (const char* alg : {"HS512", "hs256", "RS256", "none"}) {
    const std::string header = segment({{"alg", alg}});
    const std::string body = good.substr(good.find('.'));
    EXPECT_FALSE(signer.verify(header + body, t0)) << alg;
  }
  EXPECT_FALSE(signer.verify(segment({{"typ", "JWT"}}) + good.substr(good.find('.')), t0));
  EXPECT_FALSE(signer.verify(segment({{"alg", "HS256"}, {"crit", {"b64"}}}) + good.substr(good.find('.')), t0));
  // Python-made HS512 header over the same claims.
  EXPECT_FALSE(
      signer.verify("eyJhbGciOiJIUzUxMiJ9."
                    "eyJzdWIiOiJkb2dAZXhhbXBsZS5jb20iLCJhdXRoIjoiVVNFUiIsImV4cCI6NDEwMjQ0NDgwMH0."
                    "7TrhptbRJZhKDbtjlRPsmBCFvmJYJEs7mQZxIW2QMbU",
                    t0));
}

TEST(JwtSigner, RejectsInputWhenGarbage) {
  const jwt_signer signer(test_key);
  const auto good = signer.sign({{"exp", 4102444800}});
  EXPECT_TRUE(signer.verify(good, t0));
  EXPECT_FALSE(signer.verify("", t0));
  EXPECT_FALSE(signer.verify(".", t0));
  EXPECT_FALSE(signer.verify("..", t0));
  EXPECT_FALSE(signer.verify("abc", t0));
  EXPECT_FALSE(signer.verify("a.b", t0));
  EXPECT_FALSE(signer.verify(good + ".", t0));
  EXPECT_FALSE(signer.verify(good + "." + good, t0));
  EXPECT_FALSE(signer.verify("!!!.???.***", t0));
  EXPECT_FALSE(signer.verify(std::string(100'000, 'a'), t0));
  EXPECT_FALSE(signer.verify(std::string(100'000, '.'), t0));
  // Padded segments are not JWS.
  const auto header_end = good.find('.');
  EXPECT_FALSE(signer.verify(good.substr(0, header_end) + "=" + good.substr(header_end), t0));
}

TEST(JwtSigner, RejectsTokenWhenOversizedEvenIfValid) {
  const jwt_signer signer(test_key);
  const auto big = signer.sign({{"exp", 4102444800}, {"pad", std::string(7000, 'x')}});
  ASSERT_GT(big.size(), platform::auth::max_token_size);
  EXPECT_FALSE(signer.verify(big, t0));
  const auto fits = signer.sign({{"exp", 4102444800}, {"pad", std::string(5000, 'x')}});
  ASSERT_LE(fits.size(), platform::auth::max_token_size);
  EXPECT_TRUE(signer.verify(fits, t0));
}

TEST(JwtSigner, RejectsTokenWhenPayloadIsNotAJsonObject) {
  // Correctly signed (Python hmac, test_key), so only the payload check can reject them.
  const jwt_signer signer(test_key);
  for (const char* token : {
           "eyJhbGciOiJIUzI1NiJ9.WzEsMl0.FRCv6_wvf9aQppAh8JIRwImViTfqKlwEXdV-eopiBwQ",      // [1,2]
           "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.OJi_LnfgID90MPKKqqNH1YJ2u_AKRsA0k0Zv3Y-neN4",  // not
                                                                                            // json
           "eyJhbGciOiJIUzI1NiJ9.Ingi.yB5tsb50-SR9X60cxGqDdJXLrw_IsoDVeibvRPRJxcI",         // "x"
           "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOg.qTB2k0mseJoLHhBN-uISSFEgoDWEydvezZ3aiZde1vE",   // {"exp":
       }) {
    EXPECT_FALSE(signer.verify(token, t0)) << token;
  }
}

// --- token_issuer ---

TEST(TokenIssuer, IssuesAccessTokenWithTheAppsClaimsAndExpOnly) {
  const auto issuer = make_issuer();
  const auto now = t0 + 700ms;
  // Bbodok's shape; Daengtionary's (sub, auth) is tested with its module in daengtionary_test.
  const auto token = issuer.issue_access({{"memberId", 7}, {"iat", 1'700'000'000}}, now);
  const auto payload = payload_of(token);
  EXPECT_EQ(payload.size(), 3U);
  EXPECT_EQ(payload.at("memberId"), 7);
  EXPECT_EQ(payload.at("iat"), 1'700'000'000);
  EXPECT_EQ(payload.at("exp").as_int64(), 1'700'000'000 + 3600);
  const auto header = base64url_decode(token.substr(0, token.find('.')));
  ASSERT_TRUE(header);
  EXPECT_EQ(boost::json::parse(*header), (boost::json::object{{"alg", "HS256"}}));

  const auto claims = issuer.verify_access(token, now);
  ASSERT_TRUE(claims);
  EXPECT_EQ(*claims, payload);
  EXPECT_FALSE(issuer.verify_access(token, t0 + 3600s));
  EXPECT_EQ(issuer.access_ttl(), 3600s);
}

TEST(TokenIssuer, RefusesAccessClaimsThatHoldTheIssuersOwn) {
  const auto issuer = make_issuer();
  EXPECT_THROW(issuer.issue_access({{"exp", 4102444800}}, t0), std::invalid_argument);
  EXPECT_THROW(issuer.issue_access({{"jti", "x"}}, t0), std::invalid_argument);
}

TEST(TokenIssuer, IssuesDistinctRefreshTokensWhenIssuedInTheSameSecond) {
  const auto issuer = make_issuer();
  const auto a = issuer.issue_refresh(t0);
  const auto b = issuer.issue_refresh(t0);
  EXPECT_NE(a, b);
  const auto payload = payload_of(a);
  EXPECT_EQ(payload.size(), 2U);
  EXPECT_EQ(payload.at("exp").as_int64(), 1'700'000'000 + 7 * 24 * 3600);
  EXPECT_EQ(base64url_decode(payload.at("jti").as_string())->size(), 16U);
  EXPECT_TRUE(jwt_signer(test_key).verify(a, t0 + 6 * 24h));
}

TEST(TokenIssuer, RejectsRefreshTokenWhenUsedAsAccessToken) {
  const auto issuer = make_issuer();
  EXPECT_FALSE(issuer.verify_access(issuer.issue_refresh(t0), t0));
  const jwt_signer signer(test_key);
  EXPECT_FALSE(issuer.verify_access(signer.sign({{"sub", "a"}, {"jti", "x"}, {"exp", 4102444800}}), t0));
  EXPECT_TRUE(issuer.verify_access(signer.sign({{"sub", "a"}, {"exp", 4102444800}}), t0));
}

// --- bearer_token ---

TEST(BearerToken, ExtractsBearerTokenWhenSchemeMatchesCaseInsensitively) {
  EXPECT_EQ(bearer_token("Bearer abc.def.ghi"), "abc.def.ghi");
  EXPECT_EQ(bearer_token("bearer abc"), "abc");
  EXPECT_EQ(bearer_token("BEARER abc"), "abc");
  EXPECT_EQ(bearer_token("  Bearer    abc  "), "abc");
  EXPECT_EQ(bearer_token("Bearer\tabc"), "abc");
}

TEST(BearerToken, ReturnsNoBearerTokenWhenLoggedOutOrMalformed) {
  EXPECT_FALSE(bearer_token("Bearer null"));
  EXPECT_FALSE(bearer_token("Bearer undefined"));
  EXPECT_FALSE(bearer_token("Bearer "));
  EXPECT_FALSE(bearer_token("Bearer"));
  EXPECT_FALSE(bearer_token(""));
  EXPECT_FALSE(bearer_token("Basic x"));
  EXPECT_FALSE(bearer_token("Bearerabc"));
  EXPECT_FALSE(bearer_token("abc"));
  EXPECT_FALSE(bearer_token("Bearer a b"));
}

}  // namespace
