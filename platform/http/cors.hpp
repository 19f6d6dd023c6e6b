// Cross-origin policy: preflight answers and the headers added to actual responses.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"

namespace platform::http {

struct cors_policy {
  // Exact origins ("https://daengtionary.site"), or "*" for any origin. With "*" the response says
  // `Access-Control-Allow-Origin: *` and never allows credentials; listed origins are echoed with
  // credentials allowed.
  std::vector<std::string> allowed_origins{"*"};
  std::vector<std::string> exposed_headers;
  std::chrono::seconds max_age{1800};
};

// The answer to a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method); nullopt when
// the request is not a preflight.
std::optional<response> answer_preflight(const cors_policy& policy, const raw_request& req);

// Adds the CORS headers to an actual response when the request's Origin (may be "") is allowed. A response
// that already carries Access-Control-Allow-Origin (an endpoint with its own policy, like SockJS) is left alone.
void add_cors_headers(const cors_policy& policy, std::string_view origin, response& res);

}  // namespace platform::http
