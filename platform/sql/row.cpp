// Checked column conversions for query results.
#include "platform/sql/row.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "platform/sql/error.hpp"

namespace platform::sql {
namespace {

const char* type_name(const value& v) {
  switch (v.index()) {
    case 0:
      return "null";
    case 1:
      return "integer";
    case 2:
      return "double";
    default:
      return "text";
  }
}

[[noreturn]] void wrong_type(std::size_t i, const value& v, const char* wanted) {
  throw error("column " + std::to_string(i) + " is " + type_name(v) + ", not " + wanted);
}

}  // namespace

const value& row::at(std::size_t i) const {
  if (i >= cells_.size()) {
    throw error("column " + std::to_string(i) + " out of range (row has " + std::to_string(cells_.size()) + ")");
  }
  return cells_[i];
}

std::size_t row::index_of(std::string_view column) const {
  for (std::size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == column) {
      return i;
    }
  }
  std::string known;
  for (const auto& name : *columns_) {
    known += known.empty() ? name : ", " + name;
  }
  throw error("no column \"" + std::string(column) + "\" in the result (columns: " + known + ")");
}

bool row::is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(at(i)); }

std::int64_t row::as_int(std::size_t i) const {
  const value& v = at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) {
    return *n;
  }
  if (const auto* d = std::get_if<double>(&v)) {
    // 2^63 is exactly representable, so the range check is exact.
    constexpr double limit = 9223372036854775808.0;
    if (std::trunc(*d) == *d && *d >= -limit && *d < limit) {
      return static_cast<std::int64_t>(*d);
    }
  }
  wrong_type(i, v, "integer");
}

double row::as_double(std::size_t i) const {
  const value& v = at(i);
  if (const auto* d = std::get_if<double>(&v)) {
    return *d;
  }
  if (const auto* n = std::get_if<std::int64_t>(&v)) {
    return static_cast<double>(*n);
  }
  wrong_type(i, v, "double");
}

const std::string& row::as_text(std::size_t i) const {
  const value& v = at(i);
  if (const auto* s = std::get_if<std::string>(&v)) {
    return *s;
  }
  wrong_type(i, v, "text");
}

std::optional<std::int64_t> row::opt_int(std::size_t i) const {
  if (is_null(i)) {
    return std::nullopt;
  }
  return as_int(i);
}

std::optional<double> row::opt_double(std::size_t i) const {
  if (is_null(i)) {
    return std::nullopt;
  }
  return as_double(i);
}

std::optional<std::string> row::opt_text(std::size_t i) const {
  if (is_null(i)) {
    return std::nullopt;
  }
  return as_text(i);
}

const row& rows::at(std::size_t i) const {
  if (i >= rows_.size()) {
    throw error("row " + std::to_string(i) + " out of range (result has " + std::to_string(rows_.size()) + ")");
  }
  return rows_[i];
}

}  // namespace platform::sql
