// Reading a handler's JSON body or JSON multipart part.
#include "platform/json/request_body.hpp"

#include "platform/http/message.hpp"
#include "platform/json/binding.hpp"

namespace platform::json {

boost::json::object read_object(std::string_view text) {
  auto object = parse_object(text);
  if (!object) {
    throw http::client_error(http::status::bad_request,
                             "Required request body is missing, not a JSON object, or holds text that is not accepted");
  }
  return std::move(*object);
}

}  // namespace platform::json
