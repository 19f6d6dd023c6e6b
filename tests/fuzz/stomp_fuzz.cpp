// libFuzzer target for the STOMP decoder and the server's checks of what it decodes: input is "<split byte><stream>",
// fed in two pieces cut where the first byte says.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/stomp/codec.hpp"
#include "platform/stomp/negotiation.hpp"
#include "platform/stomp/rules.hpp"
#include "platform/stomp/server_frames.hpp"

namespace stomp = platform::stomp;

namespace {

// Invariants are checked with a trap so that libFuzzer records the input as a crash.
void check(bool condition) {
  if (!condition) __builtin_trap();
}

// Small limits so that every limit path is reached with small inputs.
constexpr stomp::limits fuzz_limits{.max_line_bytes = 128, .max_headers = 8, .max_frame_bytes = 1024};

std::vector<stomp::decode_result> decode(const std::vector<std::string_view>& pieces, const stomp::limits& limits) {
  stomp::decoder decoder(limits);
  std::vector<stomp::decode_result> results;
  for (const auto piece : pieces) {
    decoder.feed(piece);
    while (auto result = decoder.next()) results.push_back(std::move(*result));
  }
  return results;
}

void check_limits(const stomp::frame& f) {
  check(f.headers.size() <= fuzz_limits.max_headers);
  check(f.body.size() < fuzz_limits.max_frame_bytes);
  std::size_t header_bytes = 0;
  for (const auto& [name, value] : f.headers) {
    check(!name.empty());
    // Unescaping only shrinks, so a decoded header is never longer than its wire line.
    check(name.size() + 1 + value.size() <= fuzz_limits.max_line_bytes);
    header_bytes += name.size() + 1 + value.size() + 1;
  }
  check(header_bytes + f.body.size() < fuzz_limits.max_frame_bytes);
}

// What a decoded frame must decode to after encode: itself, plus the content-length encode adds.
void check_round_trip(const stomp::frame& f) {
  const std::string wire = stomp::encode(f);
  // Escaping can double a header, so the second decode gets room to spare.
  const stomp::limits relaxed{.max_line_bytes = 4096, .max_headers = 16, .max_frame_bytes = 16384};
  const auto again = decode({wire}, relaxed);
  check(again.size() == 1);
  const auto* decoded = std::get_if<stomp::frame>(&again[0]);
  check(decoded != nullptr);
  stomp::frame expected = f;
  if (!f.header("content-length") && !f.body.empty()) {
    expected.headers.emplace_back("content-length", std::to_string(f.body.size()));
  }
  check(*decoded == expected);
  check(stomp::encode(*decoded) == stomp::encode(expected));
}

void check_negotiation(const stomp::frame& f) {
  const auto version = stomp::negotiate_version(f.header("accept-version"));
  check(!version || *version == "1.0" || *version == "1.1" || *version == "1.2");
  if (const auto beat = f.header("heart-beat")) {
    const auto intervals = stomp::negotiate_heart_beat(*beat, 5000, 20000);
    check(intervals.has_value() == stomp::parse_heart_beat(*beat).has_value());
    if (intervals) {
      check(intervals->send_ms == 0 || intervals->send_ms >= 5000);
      check(intervals->expect_ms == 0 || intervals->expect_ms >= 20000);
    }
  }
}

// The server's checks never throw, and what they accept is what the headers say; a MESSAGE built for any
// destination, subscription id and body decodes back to them.
void check_server_rules(const stomp::frame& f) {
  static_cast<void>(stomp::negotiate_connect(f, 1000, 1000));
  static_cast<void>(stomp::refuse_command(f.cmd));
  static_cast<void>(stomp::read_unsubscribe(f));
  static_cast<void>(stomp::read_send(f));
  const auto subscribe = stomp::read_subscribe(f);
  if (const auto* request = std::get_if<stomp::subscribe_request>(&subscribe)) {
    check(!request->id.empty() && f.header("id") == request->id);
    check(!request->destination.empty() && f.header("destination") == request->destination);
  }
  const stomp::destination_rules rules({"/sub"}, {"/pub"});
  const std::string destination(f.header("destination").value_or("/sub/x"));
  static_cast<void>(rules.classify(destination));
  const std::string id(f.header("id").value_or("0"));
  const stomp::message_tail tail(destination, 7, "application/json", f.body);
  const stomp::limits relaxed{.max_line_bytes = 4096, .max_headers = 16, .max_frame_bytes = 16384};
  const auto again = decode({tail.frame_for(stomp::message_head(id))}, relaxed);
  check(again.size() == 1);
  const auto* message = std::get_if<stomp::frame>(&again[0]);
  check(message != nullptr && message->cmd == stomp::command::message);
  check(message->header("subscription") == id && message->header("destination") == destination);
  check(message->body == f.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t cut = stream.size() * data[0] / 255;

  const auto whole = decode({stream}, fuzz_limits);
  const auto split = decode({stream.substr(0, cut), stream.substr(cut)}, fuzz_limits);
  // How the bytes are cut must not change what comes out.
  check(whole == split);
  check(whole.size() <= stream.size());  // every result consumes at least one byte

  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (const auto* failure = std::get_if<stomp::decode_failure>(&whole[i])) {
      check(i + 1 == whole.size());  // nothing follows a failure
      check(failure->message.starts_with(stomp::describe(failure->code)));
    } else if (const auto* f = std::get_if<stomp::frame>(&whole[i])) {
      check_limits(*f);
      check_round_trip(*f);
      check_negotiation(*f);
      check_server_rules(*f);
    }
  }
  return 0;
}
