// Serialising the three envelopes.
#include "apps/daengtionary/common/envelope.hpp"

#include <chrono>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include "apps/daengtionary/common/error_table.hpp"

namespace daengtionary {

using platform::http::json_response;
using platform::http::status;

platform::http::response ok(std::string_view message) {
  boost::json::object body{{"state", 200}, {"message", message}};
  return json_response(status::ok, boost::json::serialize(body));
}

platform::http::response ok(const boost::json::value& data, std::string_view message) {
  boost::json::object body{{"state", 200}, {"data", data}, {"message", message}};
  return json_response(status::ok, boost::json::serialize(body));
}

platform::http::response fail(errc e) {
  const error_entry entry = describe(e);
  boost::json::object body{
      {"status", static_cast<int>(entry.status)}, {"code", entry.code}, {"message", entry.message}};
  return json_response(entry.status, boost::json::serialize(body));
}

platform::http::response framework_error(const platform::http::problem& problem) {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now - seconds).count();
  boost::json::object body{
      {"timestamp", fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}+00:00", seconds, millis)},
      {"status", static_cast<int>(problem.code)},
      {"error", platform::http::beast_http::obsolete_reason(problem.code)},
      {"path", problem.path},
      {"message", problem.message},
  };
  return json_response(problem.code, boost::json::serialize(body));
}

}  // namespace daengtionary
