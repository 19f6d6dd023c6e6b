// Reading a query's rows into a feature's records with its mapping function (one per query shape).
#pragma once

#include <optional>
#include <vector>

#include "platform/sql/row.hpp"

namespace daengtionary::post {

// Every row, in order.
template <class T>
std::vector<T> all_of(const platform::sql::rows& rows, T (*to)(const platform::sql::row&)) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(to(r));
  return out;
}

// The first row; nullopt when there is none.
template <class T>
std::optional<T> first_of(const platform::sql::rows& rows, T (*to)(const platform::sql::row&)) {
  if (rows.empty()) return std::nullopt;
  return to(rows[0]);
}

}  // namespace daengtionary::post
