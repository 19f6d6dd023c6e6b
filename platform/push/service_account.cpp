// The key file read with Boost.JSON and the assertion signed with OpenSSL's EVP_DigestSign (RSASSA-PKCS1-v1_5 and
// SHA-256, which is what RS256 names).
#include "platform/push/service_account.hpp"

#include <stdexcept>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "platform/auth/base64.hpp"

namespace platform::push {
namespace {

constexpr std::int64_t assertion_lifetime_seconds = 3600;

std::string field(const boost::json::object& root, std::string_view key) {
  const auto* value = root.if_contains(key);
  if (value == nullptr || !value->is_string() || value->get_string().empty()) {
    throw std::invalid_argument("service account file: '" + std::string(key) + "' is missing or not a string");
  }
  return std::string(value->get_string());
}

std::shared_ptr<evp_pkey_st> load_private_key(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (!bio) throw std::runtime_error("BIO_new_mem_buf failed");
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    throw std::invalid_argument("service account file: 'private_key' is not an RSA private key in PEM");
  }
  return {key, EVP_PKEY_free};
}

}  // namespace

service_account parse_service_account(std::string_view json) {
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_object()) throw std::invalid_argument("service account file: not a JSON object");
  const auto& root = parsed.get_object();
  return service_account{field(root, "project_id"), field(root, "client_email"), field(root, "private_key_id"),
                         field(root, "private_key"), field(root, "token_uri")};
}

assertion_signer::assertion_signer(const service_account& account)
    : key_(load_private_key(account.private_key)), issuer_(account.client_email), key_id_(account.private_key_id) {}

std::string assertion_signer::sign(std::string_view scope, std::string_view audience,
                                   std::chrono::system_clock::time_point now) const {
  const std::int64_t issued_at = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  const boost::json::object header{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", key_id_}};
  const boost::json::object claims{{"iss", issuer_},
                                   {"scope", scope},
                                   {"aud", audience},
                                   {"iat", issued_at},
                                   {"exp", issued_at + assertion_lifetime_seconds}};
  const std::string input = auth::base64url_encode(boost::json::serialize(header)) + "." +
                            auth::base64url_encode(boost::json::serialize(claims));

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()), input.size()) !=
          1) {
    throw std::runtime_error("RS256 signing failed");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    throw std::runtime_error("RS256 signing failed");
  }
  signature.resize(size);
  return input + "." + auth::base64url_encode(signature);
}

}  // namespace platform::push
