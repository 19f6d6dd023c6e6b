// Table-driven Base64 and base64url codecs.
#include "platform/auth/base64.hpp"

#include <array>
#include <cstdint>

namespace platform::auth {
namespace {

constexpr std::string_view url_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view std_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::uint8_t invalid = 0xff;

constexpr std::array<std::uint8_t, 256> reverse(std::string_view alphabet) {
  std::array<std::uint8_t, 256> table{};
  table.fill(invalid);
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
  }
  return table;
}

constexpr auto url_table = reverse(url_alphabet);
constexpr auto std_table = reverse(std_alphabet);

// Decodes unpadded text; a lone trailing sextet cannot carry a byte, and leftover bits must be
// zero.
std::optional<std::string> decode_unpadded(std::string_view text, const std::array<std::uint8_t, 256>& table) {
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : text) {
    const std::uint8_t v = table[static_cast<unsigned char>(c)];
    if (v == invalid) {
      return std::nullopt;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xffU));
    }
  }
  if ((acc & ((1U << bits) - 1U)) != 0) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : bytes) {
    acc = (acc << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(url_alphabet[(acc >> bits) & 0x3fU]);
    }
  }
  if (bits > 0) {
    out.push_back(url_alphabet[(acc << (6 - bits)) & 0x3fU]);
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) { return decode_unpadded(text, url_table); }

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.ends_with('=')) {
    if (text.size() % 4 != 0) {
      return std::nullopt;
    }
    text.remove_suffix(text.ends_with("==") ? 2 : 1);
  }
  return decode_unpadded(text, std_table);
}

}  // namespace platform::auth
