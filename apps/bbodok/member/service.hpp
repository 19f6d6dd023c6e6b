// Member rules: who a token names, signing in (Kakao, or dev sign-in where configured), refreshing tokens, and
// the member's web-push client.
#pragma once

#include <optional>
#include <string>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/member/dto.hpp"
#include "platform/cache/refreshing_cache.hpp"

namespace platform::auth {
class kakao_client;
class token_issuer;
}  // namespace platform::auth
namespace platform::io {
class blocking_pool;
}
namespace platform::kv {
class cache;
}
namespace platform::sql {
class database;
}

namespace bbodok::member {

class service {
 public:
  // kakao may be null when Kakao login is not configured. Who a member id names is kept in `store`.
  service(platform::sql::database& db, platform::io::blocking_pool& pool, platform::kv::cache& store,
          const platform::auth::token_issuer& tokens, const platform::auth::kakao_client* kakao, bool dev_login);

  // The member an `Authorization` header value names; nullopt (anonymous) for a missing, malformed or
  // expired token and for a withdrawn member, never an error: public routes ignore a junk header. Every
  // request asks, so the answer comes from the cache, recomputed by changed().
  asio::awaitable<std::optional<member_record>> authenticate(std::string authorization);
  // As authenticate(), with the 401 failure for anonymous callers.
  asio::awaitable<result<member_record>> require(std::string authorization);

  // Kakao's authorization code for the member it names (made on first sign-in). Kakao refusing the code is a
  // 400, Kakao unreachable a 502, Kakao not configured a 503.
  asio::awaitable<result<token_pair>> log_in_with_kakao(std::string code);
  // A new member each call, for machines without Kakao credentials; 404 unless configured.
  asio::awaitable<result<token_pair>> dev_log_in(std::optional<new_member> profile);
  bool dev_login_enabled() const { return dev_login_; }
  // A new pair for a stored refresh token, which it replaces; INVALID REFRESH TOKEN (400, never 401) otherwise.
  asio::awaitable<result<token_pair>> refresh(std::string refresh_token);

  asio::awaitable<result<client_record>> register_client(std::int64_t member_id, std::string fcm_token);

  // After a committed change to the member's row (withdrawal): the next request sees it.
  asio::awaitable<void> changed(std::int64_t member_id);

 private:
  asio::awaitable<token_pair> issue_tokens(std::int64_t member_id);

  platform::sql::database& db_;
  platform::cache::refreshing_cache actives_;  // member id -> the active member_record, or nothing
  platform::io::blocking_pool& pool_;
  const platform::auth::token_issuer& tokens_;
  const platform::auth::kakao_client* kakao_;
  bool dev_login_;
};

}  // namespace bbodok::member
