// Jackson-compatible coercions for request DTOs.
#include "platform/json/binding.hpp"

#include <charconv>
#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

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

}  // namespace

std::optional<boost::json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
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

}  // namespace platform::json
