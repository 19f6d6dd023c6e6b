// Kakao login (OAuth 2.0 authorization-code flow): exchanges a code for the Kakao user it names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace platform::http {
class http_client;
}

namespace platform::auth {

// From configuration. The redirect URI must equal the one the frontend sent to the authorize page,
// byte for byte, or Kakao refuses the code. The URLs are settable so that tests (and staging) can
// point at a stand-in server.
struct kakao_settings {
  std::string client_id;  // the Kakao app's REST API key
  std::string redirect_uri;
  std::optional<std::string> client_secret;  // only when the Kakao app enables it; neither original did
  std::string token_url = "https://kauth.kakao.com/oauth/token";
  std::string user_info_url = "https://kapi.kakao.com/v2/user/me";
  std::optional<std::string> admin_key;  // for unlink (withdrawal); without it unlink() fails
  std::string unlink_url = "https://kapi.kakao.com/v1/user/unlink";
};

// The fields both apps store. Optional ones are absent when the user did not consent to share them.
struct kakao_user {
  std::int64_t id = 0;
  std::string nickname;  // never empty: "카카오사용자" when Kakao gives none
  std::optional<std::string> email;
  bool email_verified = false;
  std::optional<std::string> profile_image;
};

enum class kakao_failure {
  rejected,    // Kakao refused the code: a 4xx from the token endpoint, or 401 from user-info
  unavailable  // transport error, 5xx, or a body we cannot read
};

// Stateless apart from its settings; one instance may be shared by all threads. The http_client must
// outlive it.
class kakao_client {
 public:
  kakao_client(kakao_settings settings, const http::http_client& http);

  // Blocking (two HTTPS round trips): run it on the blocking pool. Never throws on anything Kakao or
  // the network does; failures are logged without tokens, codes or secrets.
  std::variant<kakao_user, kakao_failure> sign_in(std::string_view authorization_code) const;

  // Disconnects the user from the app with the admin key (withdrawal). Blocking (one HTTPS round trip): run it
  // on the blocking pool. True once Kakao no longer links the user, also when it says it did not (-101: already
  // unlinked); false for anything to retry (no admin key configured, transport, 5xx, other refusals), logged.
  bool unlink(std::int64_t kakao_id) const;

 private:
  kakao_settings settings_;
  const http::http_client& http_;
};

}  // namespace platform::auth
