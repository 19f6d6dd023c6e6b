// Digests and random secrets: refresh tokens are kept server-side only as SHA-256; accounts that
// never use a password (Kakao) get a random one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace platform::auth {

// Lowercase hex SHA-256 of the bytes (64 characters).
std::string sha256_hex(std::string_view bytes);

// `bytes` random bytes from OpenSSL's CSPRNG, base64url-encoded.
std::string random_secret(std::size_t bytes);

}  // namespace platform::auth
