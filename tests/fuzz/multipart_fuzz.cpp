// libFuzzer target for the multipart/form-data parser: input is "<Content-Type>\n<body>".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/multipart.hpp"

namespace mp = platform::http::multipart;

namespace {

// Invariants are checked with a trap so that libFuzzer records the input as a crash.
void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool serialisable(std::string_view text) { return text.find_first_of("\"\r\n") == std::string_view::npos; }

// Writes the parts back as a browser would; used to check that what was parsed parses again the same.
std::string serialise(const std::string& boundary, const std::vector<mp::part>& parts) {
  std::string body;
  for (const auto& part : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + "\"";
    if (part.filename) body += "; filename=\"" + *part.filename + "\"";
    body += "\r\n";
    if (!part.content_type.empty()) body += "Content-Type: " + part.content_type + "\r\n";
    body += "\r\n" + part.data + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string_view content_type = input.substr(0, newline);
  const std::string_view body = input.substr(newline + 1);

  // Small limits so that the limit paths are reached with small inputs.
  mp::limits limits;
  limits.max_parts = 6;
  limits.max_part_bytes = 512;
  limits.max_part_header_bytes = 256;

  const auto result = mp::parse(content_type, body, limits);
  (void)mp::describe(result.failure.value_or(mp::error::malformed));
  if (result.failure) {
    check(result.parts.empty());
    return 0;
  }
  const auto boundary = mp::boundary_of(content_type);
  check(boundary.has_value());
  check(result.parts.size() <= limits.max_parts);
  bool round_trip = true;
  for (const auto& part : result.parts) {
    check(part.data.size() <= limits.max_part_bytes);
    check(body.find(part.data) != std::string_view::npos);
    check(part.data.find("\r\n--" + *boundary) == std::string::npos);
    round_trip = round_trip && serialisable(part.name) && serialisable(part.content_type) &&
                 (!part.filename || serialisable(*part.filename));
  }
  if (round_trip) {
    // Our own header lines may be longer than the input's ("name=a" becomes "name=\"a\"").
    mp::limits relaxed = limits;
    relaxed.max_part_header_bytes = 64 * 1024;
    const auto again = mp::parse(content_type, serialise(*boundary, result.parts), relaxed);
    check(!again.failure);
    check(again.parts.size() == result.parts.size());
    for (std::size_t i = 0; i < again.parts.size(); ++i) {
      check(again.parts[i].name == result.parts[i].name);
      check(again.parts[i].filename == result.parts[i].filename);
      check(again.parts[i].content_type == result.parts[i].content_type);
      check(again.parts[i].data == result.parts[i].data);
    }
  }
  return 0;
}
