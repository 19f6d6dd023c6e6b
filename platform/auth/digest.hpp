// Message digests for storing secrets by hash (refresh tokens are kept server-side only as
// SHA-256).
#pragma once

#include <string>
#include <string_view>

namespace platform::auth {

// Lowercase hex SHA-256 of the bytes (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace platform::auth
