// Jackson-compatible coercions for request DTOs.
#include "platform/json/binding.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "platform/text/code_points.hpp"

namespace platform::json {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// How Jackson writes a double as text: "3.5", "0.5", and "5.0" for whole numbers.
std::string jackson_text(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e7) return fmt::format("{:.1f}", value);
  return fmt::format("{}", value);
}

void flag(bool* wrong_type) {
  if (wrong_type != nullptr) *wrong_type = true;
}

// Every key and string in the tree, since a DTO may bind any of them: Boost.JSON already refuses invalid
// UTF-8 and lone surrogate escapes, but not "\u0000" or other controls.
bool holds_accepted_text(const boost::json::value& value) {
  if (const auto* string = value.if_string()) return text::is_accepted_text(*string);
  if (const auto* array = value.if_array()) return std::ranges::all_of(*array, holds_accepted_text);
  if (const auto* object = value.if_object()) {
    return std::ranges::all_of(*object, [](const boost::json::key_value_pair& field) {
      return text::is_accepted_text(field.key()) && holds_accepted_text(field.value());
    });
  }
  return true;
}

}  // namespace

std::optional<boost::json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object() || !holds_accepted_text(value)) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::string> text_field(const boost::json::object& object, std::string_view key, bool* wrong_type) {
  const auto* field = object.if_contains(key);
  if (field == nullptr || field->is_null()) return std::nullopt;
  if (const auto* text = field->if_string()) return std::string(*text);
  if (const auto* real = field->if_double()) return jackson_text(*real);
  if (field->is_number() || field->is_bool()) return boost::json::serialize(*field);
  flag(wrong_type);
  return std::nullopt;
}

std::optional<double> number_field(const boost::json::object& object, std::string_view key, bool* wrong_type) {
  const auto* field = object.if_contains(key);
  if (field == nullptr || field->is_null()) return std::nullopt;
  if (field->is_number()) return field->to_number<double>();
  if (const auto* text = field->if_string()) {
    const std::string_view digits = trim(*text);
    if (digits.empty()) return 0.0;
    double value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc() && end == digits.data() + digits.size() && std::isfinite(value)) return value;
  }
  flag(wrong_type);
  return std::nullopt;
}

std::optional<std::int64_t> whole_number_field(const boost::json::object& object, std::string_view key) {
  constexpr double exact_limit = 9007199254740992.0;  // 2^53
  bool wrong_type = false;
  const auto number = number_field(object, key, &wrong_type);
  if (wrong_type || !number || std::floor(*number) != *number || std::fabs(*number) > exact_limit) return std::nullopt;
  return static_cast<std::int64_t>(*number);
}

}  // namespace platform::json
