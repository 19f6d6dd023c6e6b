// Reading a query's rows into records by column name: a record described with BOOST_DESCRIBE_STRUCT gets each
// member it lists from the column of the same name (the SQL aliases a column whose name differs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include "platform/sql/row.hpp"

namespace platform::sql::records {

inline void read_column(const row& r, const char* name, std::int64_t& out) { out = r.as_int(name); }
inline void read_column(const row& r, const char* name, double& out) { out = r.as_double(name); }
inline void read_column(const row& r, const char* name, bool& out) { out = r.as_bool(name); }
inline void read_column(const row& r, const char* name, std::string& out) { out = r.as_text(name); }
inline void read_column(const row& r, const char* name, std::optional<std::int64_t>& out) { out = r.opt_int(name); }
inline void read_column(const row& r, const char* name, std::optional<std::string>& out) { out = r.opt_text(name); }

// The members the record does not list keep their defaults.
template <class T>
T read(const row& r) {
  T out{};
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto member) { read_column(r, member.name, out.*member.pointer); });
  return out;
}

// Every row, in order, read by `to`.
template <class T>
std::vector<T> all_of(const rows& rows, T (*to)(const row&) = read<T>) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(to(r));
  return out;
}

// The first row read by `to`; nullopt when there is none.
template <class T>
std::optional<T> first_of(const rows& rows, T (*to)(const row&) = read<T>) {
  if (rows.empty()) return std::nullopt;
  return to(rows[0]);
}

}  // namespace platform::sql::records
