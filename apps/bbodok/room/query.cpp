// Parameters strictly: no defaults, nothing guessed.
#include "apps/bbodok/room/query.hpp"

#include <charconv>

#include "apps/bbodok/room/service.hpp"
#include "platform/json/binding.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::room {
namespace {

result<std::int64_t> datetime_of(const platform::http::request& req, std::string_view key) {
  const auto text = req.query_value(key);
  if (!text) return bad_request();
  const auto micros = platform::time::parse_seoul_local_datetime(*text);
  if (!micros) return bad_request();
  return *micros;
}

}  // namespace

result<window> window_of(const platform::http::request& req) {
  const auto from = datetime_of(req, "from");
  const auto to = datetime_of(req, "to");
  if (!from || !to) return bad_request();
  return checked_window(*from, *to);
}

result<std::int64_t> id_of(const platform::http::request& req, std::string_view key) {
  const auto text = req.query_value(key);
  if (!text) return bad_request();
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || value <= 0) return bad_request();
  return value;
}

result<std::int64_t> id_of(const boost::json::object& body, std::string_view key) {
  const auto id = platform::json::whole_number_field(body, key);
  if (!id || *id <= 0) return bad_request();
  return *id;
}

}  // namespace bbodok::room
