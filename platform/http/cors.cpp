// CORS preflight and response headers.
#include "platform/http/cors.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace platform::http {
namespace {

enum class origin_match { none, any, listed };

origin_match match_origin(const cors_policy& policy, std::string_view origin) {
  if (origin.empty()) return origin_match::none;
  if (std::ranges::find(policy.allowed_origins, origin) != policy.allowed_origins.end()) return origin_match::listed;
  if (std::ranges::find(policy.allowed_origins, "*") != policy.allowed_origins.end()) return origin_match::any;
  return origin_match::none;
}

void allow_origin(origin_match match, std::string_view origin, response& res) {
  if (match == origin_match::listed) {
    res.set(beast_http::field::access_control_allow_origin, origin);
    res.set(beast_http::field::access_control_allow_credentials, "true");
  } else {
    res.set(beast_http::field::access_control_allow_origin, "*");
  }
  res.set(beast_http::field::vary, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
}

std::string_view header_of(const raw_request& req, beast_http::field name) {
  auto it = req.find(name);
  return it == req.end() ? std::string_view() : std::string_view(it->value());
}

}  // namespace

std::optional<response> answer_preflight(const cors_policy& policy, const raw_request& req) {
  const auto requested_method = header_of(req, beast_http::field::access_control_request_method);
  const auto origin = header_of(req, beast_http::field::origin);
  if (req.method() != verb::options || requested_method.empty() || origin.empty()) return std::nullopt;

  const origin_match match = match_origin(policy, origin);
  if (match == origin_match::none) return text_response(status::forbidden, "Invalid CORS request");

  response res = text_response(status::ok, "");
  allow_origin(match, origin, res);
  res.set(beast_http::field::access_control_allow_methods, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  if (auto headers = header_of(req, beast_http::field::access_control_request_headers); !headers.empty()) {
    res.set(beast_http::field::access_control_allow_headers, headers);
  }
  res.set(beast_http::field::access_control_max_age, std::to_string(policy.max_age.count()));
  return res;
}

void add_cors_headers(const cors_policy& policy, std::string_view origin, response& res) {
  if (res.find(beast_http::field::access_control_allow_origin) != res.end()) return;
  const origin_match match = match_origin(policy, origin);
  // With listed origins the answer depends on the Origin header, allowed or not: caches must know.
  const bool only_any = policy.allowed_origins.size() == 1 && policy.allowed_origins.front() == "*";
  if (!only_any) res.set(beast_http::field::vary, "Origin");
  if (match == origin_match::none) return;
  allow_origin(match, origin, res);
  if (!policy.exposed_headers.empty()) {
    res.set(beast_http::field::access_control_expose_headers,
            fmt::format("{}", fmt::join(policy.exposed_headers, ", ")));
  }
}

}  // namespace platform::http
