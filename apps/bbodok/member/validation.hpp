// What sign-in and client registration accept (pure rules, unit-tested).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "apps/bbodok/member/dto.hpp"

namespace platform::auth {
struct kakao_user;
}

namespace bbodok::member {

// Kakao's authorization code as the frontend forwards it: not blank and at most 1,000 bytes (Kakao's are under
// a hundred), so that a huge one is refused here instead of being sent on to Kakao.
bool is_valid_auth_code(std::string_view code);

// The member a Kakao account makes; nullopt when Kakao sent text no request could carry (NUL and other
// controls, invalid UTF-8), which the database would refuse or cut short.
std::optional<new_member> kakao_member(const platform::auth::kakao_user& user);

// Dev sign-in's profile: a nickname of 1–50 characters that is not only spaces, and optional profile URL and
// email of at most 1,000 and 320 bytes. nullopt when any is out of bounds.
std::optional<new_member> dev_member(std::optional<std::string> nickname, std::optional<std::string> profile,
                                     std::optional<std::string> email);

// An FCM registration token: not blank, at most 1,000 characters (the original's @Valid rule).
bool is_valid_fcm_token(std::string_view token);

}  // namespace bbodok::member
