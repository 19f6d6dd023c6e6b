// Splits a request target into the decoded path and query parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/http/message.hpp"

namespace platform::http {

struct parsed_target {
  std::string path;  // percent-decoded, trailing slash removed
  params query;      // valueless keys kept with value ""
};

// nullopt when the target is not an origin-form URL (e.g. "*", absolute-form, bad percent-escapes) or when
// its decoded path, a query key or a query value is not accepted text (platform/text/code_points.hpp).
std::optional<parsed_target> parse_target(std::string_view target);

}  // namespace platform::http
