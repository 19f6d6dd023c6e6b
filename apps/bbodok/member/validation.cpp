// Bounds on what members send.
#include "apps/bbodok/member/validation.hpp"

#include <cstddef>

#include "platform/auth/kakao.hpp"
#include "platform/text/code_points.hpp"

namespace bbodok::member {
namespace {

constexpr std::size_t max_nickname_chars = 50;
constexpr std::size_t max_profile_bytes = 1000;
constexpr std::size_t max_email_bytes = 320;
constexpr std::size_t max_fcm_token_chars = 1000;
constexpr std::size_t max_auth_code_bytes = 1000;

using platform::text::is_blank;
using platform::text::utf8_length;

bool accepted(const std::optional<std::string>& text) { return !text || platform::text::is_accepted_text(*text); }

}  // namespace

bool is_valid_auth_code(std::string_view code) { return !is_blank(code) && code.size() <= max_auth_code_bytes; }

std::optional<new_member> kakao_member(const platform::auth::kakao_user& user) {
  if (!platform::text::is_accepted_text(user.nickname) || !accepted(user.profile_image) || !accepted(user.email)) {
    return std::nullopt;
  }
  return new_member{user.nickname, user.profile_image, user.email, user.id};
}

std::optional<new_member> dev_member(std::optional<std::string> nickname, std::optional<std::string> profile,
                                     std::optional<std::string> email) {
  if (!nickname || is_blank(*nickname) || utf8_length(*nickname) > max_nickname_chars) return std::nullopt;
  if (profile && profile->size() > max_profile_bytes) return std::nullopt;
  if (email && email->size() > max_email_bytes) return std::nullopt;
  return new_member{std::move(*nickname), std::move(profile), std::move(email), std::nullopt};
}

bool is_valid_fcm_token(std::string_view token) {
  return !is_blank(token) && utf8_length(token) <= max_fcm_token_chars;
}

}  // namespace bbodok::member
