// CONNECT negotiation per STOMP 1.2: the protocol version and the heart-beat intervals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace platform::stomp {

// The version to answer in CONNECTED: "1.0" when accept-version is absent (a 1.0 client), else the
// highest of 1.2, 1.1 and 1.0 in the comma-separated list; nullopt when none is offered, which the
// spec answers with an ERROR frame. Blanks around list items are tolerated.
std::optional<std::string> negotiate_version(std::optional<std::string_view> accept_version);

// A heart-beat header "cx,cy" as two milliseconds values; nullopt for anything else (signs, blanks,
// missing or extra fields, values beyond 32 bits).
std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_heart_beat(std::string_view value);

struct heart_beat_intervals {
  std::uint32_t send_ms = 0;    // how often the server must send something; 0: never
  std::uint32_t expect_ms = 0;  // how often the server must receive something; 0: not checked

  bool operator==(const heart_beat_intervals&) const = default;
};

// Combines the client's "cx,cy" with what the server offers (can send every server_cx, wants to
// receive every server_cy): each direction is off when either side says 0, else the larger of the two.
// Pass "0,0" when the client sent no header. nullopt when the client's header does not parse.
std::optional<heart_beat_intervals> negotiate_heart_beat(std::string_view client_header, std::uint32_t server_cx,
                                                         std::uint32_t server_cy);

}  // namespace platform::stomp
