// Query results: rows of values read by column name (or by index for one-column results), with checked
// conversions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/sql/value.hpp"

namespace platform::sql {

// The names of a result's columns as the driver reports them: the alias after AS, else the bare column
// name (`m.title` is "title"). One list is shared by every row of a result.
using column_names = std::shared_ptr<const std::vector<std::string>>;

// One result row. Accessors throw sql::error when the column is unknown, out of range or of another type,
// so a schema/query mismatch is a loud failure rather than a silent zero. Read columns by name; an index
// is for results of one column (`COUNT(*)`, `RETURNING id`).
class row {
 public:
  row(column_names columns, std::vector<value> cells) : columns_(std::move(columns)), cells_(std::move(cells)) {}

  std::size_t size() const { return cells_.size(); }
  const value& at(std::size_t i) const;
  // The index of the first column so named.
  std::size_t index_of(std::string_view column) const;

  bool is_null(std::size_t i) const;
  // Also accepts a double holding an integer: PostgreSQL sums BIGINT into NUMERIC where SQLite keeps INTEGER.
  std::int64_t as_int(std::size_t i) const;
  // Also accepts an integer, since SQLite returns INTEGER for whole-number expressions.
  double as_double(std::size_t i) const;
  const std::string& as_text(std::size_t i) const;
  bool as_bool(std::size_t i) const { return as_int(i) != 0; }

  std::optional<std::int64_t> opt_int(std::size_t i) const;
  std::optional<double> opt_double(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;

  bool is_null(std::string_view column) const { return is_null(index_of(column)); }
  std::int64_t as_int(std::string_view column) const { return as_int(index_of(column)); }
  double as_double(std::string_view column) const { return as_double(index_of(column)); }
  const std::string& as_text(std::string_view column) const { return as_text(index_of(column)); }
  bool as_bool(std::string_view column) const { return as_bool(index_of(column)); }
  std::optional<std::int64_t> opt_int(std::string_view column) const { return opt_int(index_of(column)); }
  std::optional<double> opt_double(std::string_view column) const { return opt_double(index_of(column)); }
  std::optional<std::string> opt_text(std::string_view column) const { return opt_text(index_of(column)); }

 private:
  column_names columns_;
  std::vector<value> cells_;
};

class rows {
 public:
  using const_iterator = std::vector<row>::const_iterator;

  rows() = default;
  explicit rows(std::vector<row> all) : rows_(std::move(all)) {}

  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const row& operator[](std::size_t i) const { return rows_[i]; }
  const row& at(std::size_t i) const;
  const_iterator begin() const { return rows_.begin(); }
  const_iterator end() const { return rows_.end(); }

 private:
  std::vector<row> rows_;
};

}  // namespace platform::sql
