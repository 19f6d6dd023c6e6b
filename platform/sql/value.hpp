// The values SQL parameters are bound from and result columns are read into, and the dialects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace platform::sql {

// Both drivers reduce every column to one of these, so repositories read rows the same way on both.
using value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

enum class dialect { sqlite, postgresql };

// Binds an optional as NULL when it is empty, for nullable columns.
template <class T>
value nullable(const std::optional<T>& v) {
  if (!v) {
    return nullptr;
  }
  return value(*v);
}

}  // namespace platform::sql
