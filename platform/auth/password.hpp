// bcrypt password hashing (libxcrypt), compatible with the original's Spring BCryptPasswordEncoder.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace platform::auth {

// bcrypt reads at most 72 bytes of a password; longer ones would be silently truncated.
inline constexpr std::size_t max_password_bytes = 72;

// A "$2b$<cost>$…" hash with a fresh random salt. Slow by design (cost 10 ≈ tens of ms): call it on
// the blocking pool. Throws std::invalid_argument when the password is longer than
// max_password_bytes or contains a NUL byte (callers validate input first and answer 400), or when
// cost is outside 4..31; std::runtime_error if libxcrypt fails.
std::string hash_password(std::string_view password, unsigned cost = 10);

// Whether password matches a stored bcrypt hash ("$2a$", "$2b$" or "$2y$"; Java's BCrypt writes
// "$2a$"). Compares in constant time. Malformed hashes and passwords containing NUL give false,
// never an exception. Passwords longer than 72 bytes are passed through and truncated exactly as
// jBCrypt truncated them, so accounts migrated from the original keep working. Slow by design.
bool verify_password(std::string_view password, std::string_view stored_hash);

}  // namespace platform::auth
