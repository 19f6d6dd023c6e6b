// One driver connection (SQLite or PostgreSQL) behind a common interface.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "platform/sql/row.hpp"
#include "platform/sql/value.hpp"

namespace platform::sql {

// Used by one thread at a time (the pool hands a connection to one lease). SQL uses `?` placeholders on
// both backends; the PostgreSQL driver rewrites them to $1..$n. Statements are prepared once per
// connection and reused, keyed by SQL text, so SQL should be constant text with bound parameters.
class connection {
 public:
  connection() = default;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  virtual ~connection();

  virtual dialect kind() const = 0;

  // One statement; its result rows (none for a statement that returns none).
  rows query(std::string_view sql, std::span<const value> params = {}) { return do_query(sql, params); }
  rows query(std::string_view sql, std::initializer_list<value> params) {
    return do_query(sql, std::span<const value>(params.begin(), params.size()));
  }

  // One statement; the number of rows it inserted, updated or deleted (0 for other statements).
  std::int64_t execute(std::string_view sql, std::span<const value> params = {}) { return do_execute(sql, params); }
  std::int64_t execute(std::string_view sql, std::initializer_list<value> params) {
    return do_execute(sql, std::span<const value>(params.begin(), params.size()));
  }

  // Several statements separated by `;`, without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;

  // False when the pool must not hand this connection out again: the link is broken, or a transaction
  // was left open.
  virtual bool reusable() const = 0;

 private:
  // Non-virtual public overloads over one virtual each, so drivers override without hiding overloads.
  virtual rows do_query(std::string_view sql, std::span<const value> params) = 0;
  virtual std::int64_t do_execute(std::string_view sql, std::span<const value> params) = 0;
};

}  // namespace platform::sql
