// Google service accounts: the JSON key file and the RS256-signed JWT assertion (RFC 7523) that the OAuth token
// endpoint exchanges for an access token.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace platform::push {

// The fields of a key file (what the Firebase console's "Generate new private key" downloads) that are used.
struct service_account {
  std::string project_id;
  std::string client_email;
  std::string private_key_id;
  std::string private_key;  // PEM, PKCS#8
  std::string token_uri;
};

// Throws std::invalid_argument naming the first field that is missing or not a non-empty string (never its value).
service_account parse_service_account(std::string_view json);

// Signs assertions with the account's private key, loaded once. Immutable; shareable across threads (each
// signature uses its own OpenSSL context over the read-only key).
class assertion_signer {
 public:
  // Throws std::invalid_argument when the key is not an RSA private key in PEM.
  explicit assertion_signer(const service_account& account);

  // Header {alg: RS256, typ: JWT, kid: private_key_id}; claims iss = client_email, scope, aud = audience (the
  // token endpoint), iat = now, exp = now + 1 hour (Google's maximum).
  std::string sign(std::string_view scope, std::string_view audience, std::chrono::system_clock::time_point now) const;

 private:
  std::shared_ptr<evp_pkey_st> key_;
  std::string issuer_;
  std::string key_id_;
};

}  // namespace platform::push
