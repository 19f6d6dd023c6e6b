// Query results: rows of values read by column index, with checked conversions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/sql/value.hpp"

namespace platform::sql {

// One result row. Accessors throw sql::error when the column is out of range or of another type, so a
// schema/query mismatch is a loud failure rather than a silent zero.
class row {
 public:
  explicit row(std::vector<value> cells) : cells_(std::move(cells)) {}

  std::size_t size() const { return cells_.size(); }
  const value& at(std::size_t i) const;

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

 private:
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
