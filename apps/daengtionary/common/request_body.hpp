// Reading a handler's JSON body or JSON multipart part, answering 400 like Spring when it is unreadable.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "platform/http/message.hpp"

namespace daengtionary {

// Throws platform::http::client_error(400) unless text is a JSON object.
boost::json::object json_object(std::string_view text);

// The request's Authorization header as the member service takes it.
std::string authorization(const platform::http::request& req);

}  // namespace daengtionary
