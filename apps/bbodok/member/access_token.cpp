// Building and reading memberId + iat.
#include "apps/bbodok/member/access_token.hpp"

#include <boost/json/object.hpp>

#include "platform/auth/tokens.hpp"

namespace bbodok::member {

std::string issue_access_token(const platform::auth::token_issuer& tokens, std::int64_t member_id,
                               std::chrono::system_clock::time_point now) {
  const auto issued_at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return tokens.issue_access(boost::json::object{{"memberId", member_id}, {"iat", issued_at}}, now);
}

std::optional<std::int64_t> read_access_token(const platform::auth::token_issuer& tokens, std::string_view token,
                                              std::chrono::system_clock::time_point now) {
  const auto claims = tokens.verify_access(token, now);
  if (!claims) return std::nullopt;
  const auto* member_id = claims->if_contains("memberId");
  if (member_id == nullptr) return std::nullopt;
  if (member_id->is_int64()) return member_id->get_int64();
  if (member_id->is_uint64() && member_id->get_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(member_id->get_uint64());
  }
  return std::nullopt;
}

}  // namespace bbodok::member
