// JSON bodies and the Authorization header.
#include "apps/daengtionary/common/request_body.hpp"

#include <cmath>

#include "platform/json/binding.hpp"

namespace daengtionary {

boost::json::object json_object(std::string_view text) {
  auto object = platform::json::parse_object(text);
  if (!object)
    throw platform::http::client_error(platform::http::status::bad_request,
                                       "Required request body is missing or not a JSON object");
  return std::move(*object);
}

std::optional<std::int64_t> whole_number_field(const boost::json::object& object, std::string_view key) {
  constexpr double exact_limit = 9007199254740992.0;  // 2^53
  bool wrong_type = false;
  const auto number = platform::json::number_field(object, key, &wrong_type);
  if (wrong_type || !number || std::floor(*number) != *number || std::fabs(*number) > exact_limit) return std::nullopt;
  return static_cast<std::int64_t>(*number);
}

std::string authorization(const platform::http::request& req) { return std::string(req.header("Authorization")); }

}  // namespace daengtionary
