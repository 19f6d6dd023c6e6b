// Member data as the member feature and its callers see it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/describe/class.hpp>

namespace daengtionary::member {

struct member_record {
  std::int64_t member_no = 0;
  std::string email;
  std::string password_hash;
  std::string nick;
  std::string role;  // USER, BUSINESS or ADMIN
  std::optional<std::int64_t> kakao_id;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(member_record, (),
                      (member_no, email, password_hash, nick, role, kakao_id, created_at, modified_at))

struct new_member {
  std::string email;
  std::string password_hash;
  std::string nick;
  std::string role;
  std::optional<std::int64_t> kakao_id;
};

struct signup_form {
  std::string email;
  std::string password;
  std::string nick;
  std::string role;
  std::string admin_code;
};

// What a successful login hands back: the member and the tokens for the response headers.
struct session_tokens {
  member_record member;
  std::string access_token;
  std::string refresh_token;
};

}  // namespace daengtionary::member
