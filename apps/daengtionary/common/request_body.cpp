// JSON bodies and the Authorization header.
#include "apps/daengtionary/common/request_body.hpp"

#include "platform/json/binding.hpp"

namespace daengtionary {

boost::json::object json_object(std::string_view text) {
  auto object = platform::json::parse_object(text);
  if (!object)
    throw platform::http::client_error(platform::http::status::bad_request,
                                       "Required request body is missing or not a JSON object");
  return std::move(*object);
}

std::string authorization(const platform::http::request& req) { return std::string(req.header("Authorization")); }

}  // namespace daengtionary
