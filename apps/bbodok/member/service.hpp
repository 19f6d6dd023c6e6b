// Member rules: who a token names.
#pragma once

#include <optional>
#include <string>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/member/dto.hpp"

namespace platform::auth {
class token_issuer;
}
namespace platform::sql {
class database;
}

namespace bbodok::member {

class service {
 public:
  service(platform::sql::database& db, const platform::auth::token_issuer& tokens);

  // The member an `Authorization` header value names; nullopt (anonymous) for a missing, malformed or
  // expired token and for a withdrawn member, never an error: public routes ignore a junk header.
  asio::awaitable<std::optional<member_record>> authenticate(std::string authorization);
  // As authenticate(), with the 401 failure for anonymous callers.
  asio::awaitable<result<member_record>> require(std::string authorization);

 private:
  platform::sql::database& db_;
  const platform::auth::token_issuer& tokens_;
};

}  // namespace bbodok::member
