// Building and reading sub + auth.
#include "apps/daengtionary/member/access_token.hpp"

#include <boost/json/object.hpp>

#include "platform/auth/tokens.hpp"

namespace daengtionary::member {

std::string issue_access_token(const platform::auth::token_issuer& tokens, const access_claims& claims,
                               std::chrono::system_clock::time_point now) {
  return tokens.issue_access(boost::json::object{{"sub", claims.email}, {"auth", claims.role}}, now);
}

std::optional<access_claims> read_access_token(const platform::auth::token_issuer& tokens, std::string_view token,
                                               std::chrono::system_clock::time_point now) {
  const auto claims = tokens.verify_access(token, now);
  if (!claims) return std::nullopt;
  const auto* sub = claims->if_contains("sub");
  const auto* auth = claims->if_contains("auth");
  if (sub == nullptr || !sub->is_string() || auth == nullptr || !auth->is_string()) return std::nullopt;
  return access_claims{.email = std::string(sub->get_string()), .role = std::string(auth->get_string())};
}

}  // namespace daengtionary::member
