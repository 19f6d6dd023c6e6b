// JSON values the response DTOs share.
#pragma once

#include <optional>
#include <string>

#include <boost/json/value.hpp>

namespace daengtionary {

// The text, or JSON null (DTO fields serialise null, §1.2).
inline boost::json::value nullable(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

}  // namespace daengtionary
