// Reading request JSON the way the original's Jackson did: numbers may arrive as strings, "" as 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace platform::json {

// nullopt when text is not a JSON object, or when a key or string in it is not accepted text
// (platform/text/code_points.hpp).
std::optional<boost::json::object> parse_object(std::string_view text);

// A field read for a String property: strings as they are, numbers and booleans as their text
// (Jackson's coercion); nullopt when absent or null; nullopt and *wrong_type set for arrays and objects.
std::optional<std::string> text_field(const boost::json::object& object, std::string_view key,
                                      bool* wrong_type = nullptr);

// A field read for a numeric property: numbers, numeric strings ("15000", " 5.5 "), "" as 0;
// nullopt when absent or null; nullopt and *wrong_type set for anything else.
std::optional<double> number_field(const boost::json::object& object, std::string_view key, bool* wrong_type = nullptr);

// A field bound to a Java Long/Integer: a whole number or a numeric string (Jackson's coercion, "" as 0);
// nullopt when absent, null, of another type, fractional, or beyond ±2^53 where a double stops being exact.
std::optional<std::int64_t> whole_number_field(const boost::json::object& object, std::string_view key);

}  // namespace platform::json
