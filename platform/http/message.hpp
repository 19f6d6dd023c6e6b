// The request a handler receives and the response it returns, with the binding helpers handlers share.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace platform::http {

namespace beast_http = boost::beast::http;
using verb = beast_http::verb;
using status = beast_http::status;
using response = beast_http::response<beast_http::string_body>;
using raw_request = beast_http::request<beast_http::string_body>;

// Thrown while binding a request (a missing or malformed parameter, an unreadable body) or when the
// request cannot be served at all (an upstream down, a feature not configured): the server answers it
// with the app's framework-error body for `code`, like Spring's default error JSON.
struct client_error : std::runtime_error {
  client_error(status status_code, const std::string& message) : std::runtime_error(message), code(status_code) {}
  status code;
};

// Ordered key/value pairs; a valueless key (`?category&x=1`) is present with value "".
using params = std::vector<std::pair<std::string, std::string>>;

struct request {
  raw_request raw;
  std::string path;    // percent-decoded, without a trailing slash (except "/")
  params query;        // percent-decoded, '+' as space, in order of appearance
  params path_params;  // captured `{name}` segments of the matched route
  std::string remote_ip;
  std::string id;  // request id, echoed as X-Request-Id and in the access log

  verb method() const { return raw.method(); }
  std::string_view header(std::string_view name) const;  // "" when absent
  std::string_view body() const { return raw.body(); }

  std::optional<std::string_view> query_value(std::string_view key) const;
  std::string_view path_param(std::string_view name) const;

  // Binding that throws client_error(400) with a message naming the parameter.
  std::string_view required_query(std::string_view key) const;
  std::int64_t required_query_int(std::string_view key) const;
  std::int64_t path_int(std::string_view name) const;
};

// Parses a whole decimal int64 ("12", "-3"); nullopt for anything else (" 1", "1.0", "", overflow).
std::optional<std::int64_t> parse_int64(std::string_view text);

response json_response(status code, std::string body);
response text_response(status code, std::string body, std::string_view content_type = "text/plain;charset=UTF-8");

}  // namespace platform::http
