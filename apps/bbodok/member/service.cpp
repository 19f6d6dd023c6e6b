// Authenticating requests.
#include "apps/bbodok/member/service.hpp"

#include <chrono>

#include "apps/bbodok/member/access_token.hpp"
#include "apps/bbodok/member/repository.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/sql/database.hpp"

namespace bbodok::member {

service::service(platform::sql::database& db, const platform::auth::token_issuer& tokens) : db_(db), tokens_(tokens) {}

asio::awaitable<std::optional<member_record>> service::authenticate(std::string authorization) {
  const auto token = platform::auth::bearer_token(authorization);
  if (!token) co_return std::nullopt;
  const auto member_id = read_access_token(tokens_, *token, std::chrono::system_clock::now());
  if (!member_id) co_return std::nullopt;
  co_return co_await db_.run(find_active, *member_id);
}

asio::awaitable<result<member_record>> service::require(std::string authorization) {
  auto member = co_await authenticate(std::move(authorization));
  if (!member) co_return unauthenticated();
  co_return std::move(*member);
}

}  // namespace bbodok::member
