// DTOs as the original's Jackson wrote them: a record described with BOOST_DESCRIBE_STRUCT becomes a JSON object,
// each member under its camelCase name, an absent optional as null and an instant in the contract's date format.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/describe/members.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include "apps/daengtionary/common/dates.hpp"

namespace daengtionary {

// "post_status" → "postStatus".
inline std::string camel_case(std::string_view snake) {
  std::string out;
  for (std::size_t at = 0; at < snake.size(); ++at) {
    const bool capital = snake[at] == '_' && at + 1 < snake.size();
    out += capital ? static_cast<char>(std::toupper(static_cast<unsigned char>(snake[++at]))) : snake[at];
  }
  return out;
}

inline boost::json::value nullable(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

// A member's value; members named *_at hold instants (microseconds), shown as korean_datetime.
template <class T>
boost::json::value member_json(std::string_view name, const T& value) {
  if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    return nullable(value);
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return name.ends_with("_at") ? boost::json::value(korean_datetime(value)) : boost::json::value(value);
  } else {
    return boost::json::value(value);
  }
}

// Each row as `json` writes it, in order.
template <class Rows, class Json>
boost::json::array json_array(const Rows& rows, Json json) {
  boost::json::array out;
  for (const auto& row : rows) out.push_back(json(row));
  return out;
}

// `renamed` gives a member the key the wire has for it ({"views", "view"}); the wire does not show `left_out`.
template <class Dto>
boost::json::object dto_json(const Dto& dto,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> renamed = {},
                             std::initializer_list<std::string_view> left_out = {}) {
  boost::json::object out;
  boost::mp11::mp_for_each<boost::describe::describe_members<Dto, boost::describe::mod_public>>([&](auto member) {
    const std::string_view name = member.name;
    if (std::ranges::find(left_out, name) != left_out.end()) return;
    const auto* key = std::ranges::find(renamed, name, &std::pair<std::string_view, std::string_view>::first);
    out[key != renamed.end() ? std::string(key->second) : camel_case(name)] = member_json(name, dto.*member.pointer);
  });
  return out;
}

}  // namespace daengtionary
