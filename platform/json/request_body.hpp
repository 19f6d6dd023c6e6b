// Reading a handler's JSON body or JSON multipart part, answering 400 as a binding failure when it is unreadable.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "platform/json/binding.hpp"  // a route that reads a body binds its fields next

namespace platform::json {

// The JSON object `text` holds; throws platform::http::client_error(400), which the app renders as its
// framework error, when it is not a JSON object or holds text that is not accepted.
boost::json::object read_object(std::string_view text);

}  // namespace platform::json
