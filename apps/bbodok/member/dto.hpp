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

}  // namespace bbodok::member
