// Unit tests for platform::push: the service-account key file, the RS256 assertion (verified with OpenSSL against
// the public key of a key pair made for the test), and what FCM's answers mean for a device token.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "platform/auth/base64.hpp"
#include "platform/push/fcm.hpp"
#include "platform/push/service_account.hpp"

namespace {

using platform::push::assertion_signer;
using platform::push::classify_send_answer;
using platform::push::delivery;
using platform::push::parse_service_account;
using platform::push::service_account;

using pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

pkey fresh_rsa_key() { return {EVP_RSA_gen(2048), EVP_PKEY_free}; }

std::string private_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

bool verifies(EVP_PKEY* key, const std::string& input, const std::string& signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

service_account account_with(const std::string& pem) {
  return service_account{"bbodok-test", "push@bbodok-test.iam.gserviceaccount.com", "key-1", pem,
                         "https://oauth2.googleapis.com/token"};
}

TEST(AssertionSigner, SignsAnRs256AssertionThePublicKeyVerifies) {
  const auto key = fresh_rsa_key();
  const assertion_signer signer(account_with(private_pem(key.get())));
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
  const auto jwt =
      signer.sign("https://www.googleapis.com/auth/firebase.messaging", "https://oauth2.googleapis.com/token", now);

  const auto first_dot = jwt.find('.');
  const auto second_dot = jwt.rfind('.');
  ASSERT_NE(first_dot, second_dot);
  const auto signature = platform::auth::base64url_decode(jwt.substr(second_dot + 1));
  ASSERT_TRUE(signature);
  EXPECT_TRUE(verifies(key.get(), jwt.substr(0, second_dot), *signature));
  EXPECT_FALSE(verifies(fresh_rsa_key().get(), jwt.substr(0, second_dot), *signature)) << "another key's";

  const auto header = boost::json::parse(*platform::auth::base64url_decode(jwt.substr(0, first_dot)));
  EXPECT_EQ(boost::json::serialize(header), R"({"alg":"RS256","typ":"JWT","kid":"key-1"})");
  const auto claims =
      boost::json::parse(*platform::auth::base64url_decode(jwt.substr(first_dot + 1, second_dot - first_dot - 1)));
  EXPECT_EQ(claims.at("iss").as_string(), "push@bbodok-test.iam.gserviceaccount.com");
  EXPECT_EQ(claims.at("scope").as_string(), "https://www.googleapis.com/auth/firebase.messaging");
  EXPECT_EQ(claims.at("aud").as_string(), "https://oauth2.googleapis.com/token");
  EXPECT_EQ(claims.at("iat").as_int64(), 1'700'000'000);
  EXPECT_EQ(claims.at("exp").as_int64(), 1'700'003'600);
}

TEST(AssertionSigner, RefusesAKeyThatIsNotAnRsaPrivateKey) {
  EXPECT_THROW(assertion_signer(account_with("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n")),
               std::invalid_argument);
  const pkey ec(EVP_EC_gen("P-256"), EVP_PKEY_free);
  EXPECT_THROW(assertion_signer(account_with(private_pem(ec.get()))), std::invalid_argument);
}

TEST(ServiceAccountFile, ReadsTheFieldsTheAssertionNeeds) {
  const auto account = parse_service_account(
      R"({"type":"service_account","project_id":"p","private_key_id":"k","private_key":"pem",)"
      R"("client_email":"e@p.iam.gserviceaccount.com","client_id":"1","token_uri":"https://oauth2.googleapis.com/token"})");
  EXPECT_EQ(account.project_id, "p");
  EXPECT_EQ(account.private_key_id, "k");
  EXPECT_EQ(account.private_key, "pem");
  EXPECT_EQ(account.client_email, "e@p.iam.gserviceaccount.com");
  EXPECT_EQ(account.token_uri, "https://oauth2.googleapis.com/token");
}

TEST(ServiceAccountFile, NamesAMissingFieldWithoutShowingTheKey) {
  try {
    parse_service_account(R"({"project_id":"p","private_key_id":"k","private_key":"SECRET","token_uri":"t"})");
    FAIL() << "no client_email";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("client_email"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("SECRET"), std::string::npos);
  }
  EXPECT_THROW(parse_service_account("[]"), std::invalid_argument);
  EXPECT_THROW(parse_service_account(R"({"project_id":1})"), std::invalid_argument);
}

TEST(FcmSendAnswer, TellsAnInvalidTokenFromAFailureWorthRetrying) {
  EXPECT_EQ(classify_send_answer(200, R"({"name":"projects/p/messages/1"})"), delivery::sent);
  EXPECT_EQ(classify_send_answer(404, R"({"error":{"code":404,"status":"NOT_FOUND","details":[)"
                                      R"({"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",)"
                                      R"("errorCode":"UNREGISTERED"}]}})"),
            delivery::invalid_token);
  EXPECT_EQ(classify_send_answer(404, ""), delivery::invalid_token);
  EXPECT_EQ(classify_send_answer(400, R"({"error":{"code":400,"status":"INVALID_ARGUMENT","details":[)"
                                      R"({"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",)"
                                      R"("errorCode":"INVALID_ARGUMENT"}]}})"),
            delivery::invalid_token);
  EXPECT_EQ(classify_send_answer(400, R"({"error":{"code":400,"status":"INVALID_ARGUMENT","details":[)"
                                      R"({"@type":"type.googleapis.com/google.rpc.BadRequest",)"
                                      R"("fieldViolations":[{"field":"message.token"}]}]}})"),
            delivery::invalid_token);
  // A bad field of the message is ours, not the device's.
  EXPECT_EQ(classify_send_answer(400, R"({"error":{"code":400,"status":"INVALID_ARGUMENT","details":[)"
                                      R"({"@type":"type.googleapis.com/google.rpc.BadRequest",)"
                                      R"("fieldViolations":[{"field":"message.data[0].value"}]}]}})"),
            delivery::failed);
  EXPECT_EQ(classify_send_answer(400, "not json"), delivery::failed);
  EXPECT_EQ(classify_send_answer(429, R"({"error":{"status":"RESOURCE_EXHAUSTED"}})"), delivery::failed);
  EXPECT_EQ(classify_send_answer(503, ""), delivery::failed);
  EXPECT_EQ(classify_send_answer(401, R"({"error":{"status":"UNAUTHENTICATED"}})"), delivery::failed);
}

}  // namespace
