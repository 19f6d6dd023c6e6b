// Signup and profile rules the original left to the frontend (contract §2.2), checked on the server.
#pragma once

#include <string>
#include <string_view>

namespace daengtionary::member {

// Emails are compared case-insensitively: stored and looked up in lower case.
std::string normalize_email(std::string_view email);
// local@domain.tld, at most 254 bytes; a little wider than the frontend's pattern, never narrower.
bool is_valid_email(std::string_view email);
// 8 to 72 bytes (the frontend asks for 8+; bcrypt reads at most 72).
bool is_valid_password(std::string_view password);
// The frontend's pattern: 2 to 8 characters, each a lower-case Latin letter, a digit or a Hangul syllable.
bool is_valid_nick(std::string_view nick);
bool is_valid_role(std::string_view role);

}  // namespace daengtionary::member
