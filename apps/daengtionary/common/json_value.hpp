// JSON values of optional DTO fields: null when absent, as Jackson wrote a null field.
#pragma once

#include <optional>
#include <string>

#include <boost/json/value.hpp>

namespace daengtionary {

inline boost::json::value nullable(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

}  // namespace daengtionary
