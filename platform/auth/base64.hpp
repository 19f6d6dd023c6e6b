// Base64 codecs: unpadded base64url for JWS segments, standard Base64 for configured secrets.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace platform::auth {

// RFC 4648 §5 without padding, as JWS (RFC 7515 §2) requires.
std::string base64url_encode(std::string_view bytes);

// Strict inverse of base64url_encode: rejects '=', characters outside the alphabet, impossible
// lengths and non-zero trailing bits, so every byte string has exactly one accepted encoding.
std::optional<std::string> base64url_decode(std::string_view text);

// RFC 4648 §4 (the alphabet of Java's Base64 decoder, which read the original `jwt.secret`);
// padding is optional but must be correct when present. No whitespace is skipped.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace platform::auth
