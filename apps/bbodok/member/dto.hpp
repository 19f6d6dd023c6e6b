// What the member feature hands to routes and to other features.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace bbodok::member {

// A member who has not withdrawn.
struct member_record {
  std::int64_t member_id = 0;
  std::string name;
  std::optional<std::string> profile;  // Kakao profile image URL
  std::optional<std::string> email;
};

// A member about to be made: from Kakao's user info, or from dev sign-in (no Kakao id).
struct new_member {
  std::string name;
  std::optional<std::string> profile;
  std::optional<std::string> email;
  std::optional<std::int64_t> kakao_id;
};

// What sign-in and refresh answer (contract §2.2 Token).
struct token_pair {
  std::string access_token;
  std::string refresh_token;
};

// The member's web-push registration (contract §2.2 ClientAddResponse).
struct client_record {
  std::int64_t client_id = 0;
  std::int64_t member_id = 0;
  std::string fcm_token;
};

}  // namespace bbodok::member
