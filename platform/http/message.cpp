// Request accessors and response builders.
#include "platform/http/message.hpp"

#include <charconv>

#include <fmt/format.h>

namespace platform::http {
namespace {

std::optional<std::string_view> find(const params& list, std::string_view key) {
  for (const auto& [name, value] : list) {
    if (name == key) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace

std::string_view request::header(std::string_view name) const {
  auto it = raw.find(name);
  return it == raw.end() ? std::string_view() : std::string_view(it->value());
}

std::optional<std::string_view> request::query_value(std::string_view key) const { return find(query, key); }

std::string_view request::path_param(std::string_view name) const {
  return find(path_params, name).value_or(std::string_view());
}

std::string_view request::required_query(std::string_view key) const {
  if (auto value = query_value(key)) return *value;
  throw client_error(status::bad_request, fmt::format("Required request parameter '{}' is not present", key));
}

std::int64_t request::required_query_int(std::string_view key) const {
  if (auto value = parse_int64(required_query(key))) return *value;
  throw client_error(status::bad_request, fmt::format("Request parameter '{}' must be an integer", key));
}

std::int64_t request::path_int(std::string_view name) const {
  if (auto value = parse_int64(path_param(name))) return *value;
  throw client_error(status::bad_request, fmt::format("Path variable '{}' must be an integer", name));
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

response json_response(status code, std::string body) {
  return text_response(code, std::move(body), "application/json");
}

response text_response(status code, std::string body, std::string_view content_type) {
  response res{code, 11};
  res.set(beast_http::field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

}  // namespace platform::http
