// Reading a handler's JSON body or JSON multipart part, answering 400 like Spring when it is unreadable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "platform/http/message.hpp"

namespace daengtionary {

// Throws platform::http::client_error(400) unless text is a JSON object.
boost::json::object json_object(std::string_view text);

// A field bound to a Java Long/Integer: a whole number or a numeric string (Jackson's coercion, "" as 0);
// nullopt when absent, null, of another type, fractional, or beyond ±2^53 where a double stops being exact.
std::optional<std::int64_t> whole_number_field(const boost::json::object& object, std::string_view key);

// The request's Authorization header as the member service takes it.
std::string authorization(const platform::http::request& req);

}  // namespace daengtionary
