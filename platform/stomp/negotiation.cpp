// Version and heart-beat negotiation for STOMP CONNECT.
#include "platform/stomp/negotiation.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <system_error>

namespace platform::stomp {
namespace {

// Highest first, so the first match while scanning this list is the answer.
constexpr std::array<std::string_view, 3> supported_versions{"1.2", "1.1", "1.0"};

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool offers(std::string_view accept_version, std::string_view version) {
  while (true) {
    const auto comma = accept_version.find(',');
    if (trim_blanks(accept_version.substr(0, comma)) == version) return true;
    if (comma == std::string_view::npos) return false;
    accept_version.remove_prefix(comma + 1);
  }
}

std::optional<std::uint32_t> parse_interval(std::string_view text) {
  std::uint32_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || stop != end) return std::nullopt;
  return value;
}

std::uint32_t combine(std::uint32_t a, std::uint32_t b) { return a == 0 || b == 0 ? 0 : std::max(a, b); }

}  // namespace

std::optional<std::string> negotiate_version(std::optional<std::string_view> accept_version) {
  if (!accept_version) return std::string("1.0");
  for (const auto version : supported_versions) {
    if (offers(*accept_version, version)) return std::string(version);
  }
  return std::nullopt;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_heart_beat(std::string_view value) {
  const auto comma = value.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  const auto cx = parse_interval(value.substr(0, comma));
  const auto cy = parse_interval(value.substr(comma + 1));
  if (!cx || !cy) return std::nullopt;
  return std::pair{*cx, *cy};
}

std::optional<heart_beat_intervals> negotiate_heart_beat(std::string_view client_header, std::uint32_t server_cx,
                                                         std::uint32_t server_cy) {
  const auto client = parse_heart_beat(client_header);
  if (!client) return std::nullopt;
  const auto [client_cx, client_cy] = *client;
  // Server-to-client pings follow what the client wants to receive; client-to-server, what it can send.
  return heart_beat_intervals{combine(server_cx, client_cy), combine(client_cx, server_cy)};
}

}  // namespace platform::stomp
