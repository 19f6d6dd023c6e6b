// Member rules: sign-up, login (email and Kakao), token authentication, nickname changes.
#pragma once

#include <optional>
#include <string>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/member/dto.hpp"
#include "platform/sql/connection.hpp"

namespace platform::auth {
class kakao_client;
class token_issuer;
}  // namespace platform::auth
namespace platform::io {
class blocking_pool;
}
namespace platform::sql {
class database;
}

namespace daengtionary::member {

// Kakao answered neither yes nor no (network, 5xx): the caller reports a bad gateway.
struct kakao_unavailable : std::runtime_error {
  kakao_unavailable() : std::runtime_error("Kakao login is unavailable") {}
};

// For another feature's transaction (chat names senders by nick): the member, nullopt when there is none.
std::optional<member_record> find_member(platform::sql::connection& db, std::int64_t member_no);

class service {
 public:
  // kakao may be null when Kakao login is not configured.
  service(platform::sql::database& db, platform::io::blocking_pool& pool, const platform::auth::token_issuer& tokens,
          const platform::auth::kakao_client* kakao, std::optional<std::string> admin_code);

  asio::awaitable<bool> email_available(std::string email);
  asio::awaitable<bool> nick_available(std::string nick);
  asio::awaitable<result<member_record>> sign_up(signup_form form);
  asio::awaitable<result<session_tokens>> log_in(std::string email, std::string password);
  // Throws kakao_unavailable; an unset Kakao configuration is the caller's to check (kakao_enabled()).
  asio::awaitable<result<session_tokens>> log_in_with_kakao(std::string code);
  bool kakao_enabled() const { return kakao_ != nullptr; }

  // The member an `Authorization` header value names; nullopt (anonymous) for a missing, malformed,
  // expired or revoked-member token, never an error.
  asio::awaitable<std::optional<member_record>> authenticate(std::string authorization);
  // As authenticate(), with invalid_token for anonymous callers.
  asio::awaitable<result<member_record>> require(std::string authorization);

  asio::awaitable<result<void>> change_nick(std::int64_t member_no, std::string nick);

 private:
  asio::awaitable<session_tokens> issue_tokens(member_record member);

  platform::sql::database& db_;
  platform::io::blocking_pool& pool_;
  const platform::auth::token_issuer& tokens_;
  const platform::auth::kakao_client* kakao_;
  std::optional<std::string> admin_code_;
};

}  // namespace daengtionary::member
