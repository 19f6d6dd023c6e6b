// SQLite driver: one sqlite3 handle with a cache of prepared statements keyed by SQL text.
#include "platform/sql/sqlite_connection.hpp"

#include <climits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <sqlite3.h>

#include "platform/sql/error.hpp"

namespace platform::sql {
namespace {

struct db_closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using db_handle = std::unique_ptr<sqlite3, db_closer>;
using stmt_handle = std::unique_ptr<sqlite3_stmt, stmt_finalizer>;

// Apps prepare a bounded set of constant statements; the cap only guards against SQL built at run time.
constexpr std::size_t max_cached_statements = 512;

[[noreturn]] void fail(sqlite3* db, int code) {
  std::string message = "sqlite: ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw unique_violation(message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw foreign_key_violation(message);
    default:
      throw error(message);
  }
}

int to_int_size(std::size_t n) {
  if (n > static_cast<std::size_t>(INT_MAX)) {
    throw error("sqlite: text or statement too long");
  }
  return static_cast<int>(n);
}

// Resets the statement for its next use and drops the bindings, which point into the caller's params.
class statement_use {
 public:
  explicit statement_use(sqlite3_stmt* stmt) : stmt_(stmt) {}
  statement_use(const statement_use&) = delete;
  statement_use& operator=(const statement_use&) = delete;
  ~statement_use() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

class sqlite_connection final : public connection {
 public:
  explicit sqlite_connection(db_handle db) : db_(std::move(db)) {}

  dialect kind() const override { return dialect::sqlite; }

  void execute_script(std::string_view sql) override {
    const std::string text(sql);  // sqlite3_exec needs a terminating NUL
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      fail(db_.get(), sqlite3_extended_errcode(db_.get()));
    }
  }

  bool reusable() const override { return sqlite3_get_autocommit(db_.get()) != 0; }

 private:
  rows do_query(std::string_view sql, std::span<const value> params) override {
    std::vector<row> result;
    run(sql, params, &result);
    return rows(std::move(result));
  }

  std::int64_t do_execute(std::string_view sql, std::span<const value> params) override {
    // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE even after other statements, so
    // it is only read when this statement changed something.
    const sqlite3_int64 before = sqlite3_total_changes64(db_.get());
    run(sql, params, nullptr);
    return sqlite3_total_changes64(db_.get()) == before ? 0 : sqlite3_changes64(db_.get());
  }

  void run(std::string_view sql, std::span<const value> params, std::vector<row>* out) {
    sqlite3_stmt* stmt = prepare(sql);
    const statement_use use(stmt);
    bind(stmt, params);
    const int columns = sqlite3_column_count(stmt);
    const column_names names = out != nullptr ? column_names_of(stmt, columns) : nullptr;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) {
        return;
      }
      if (rc != SQLITE_ROW) {
        fail(db_.get(), sqlite3_extended_errcode(db_.get()));
      }
      if (out != nullptr) {
        out->push_back(read_row(stmt, names, columns));
      }
    }
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    if (const auto found = statements_.find(key); found != statements_.end()) {
      return found->second.get();
    }
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_.get(), sql.data(), to_int_size(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    stmt_handle stmt(raw);
    if (rc != SQLITE_OK) {
      fail(db_.get(), sqlite3_extended_errcode(db_.get()));
    }
    if (stmt == nullptr) {
      throw error("sqlite: empty statement");
    }
    // A second statement would be silently ignored; that belongs in execute_script.
    const std::string_view rest = sql.substr(static_cast<std::size_t>(tail - sql.data()));
    if (rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      throw error("sqlite: query()/execute() take one statement; use execute_script for several");
    }
    if (statements_.size() >= max_cached_statements) {
      statements_.clear();
    }
    return statements_.emplace(std::move(key), std::move(stmt)).first->second.get();
  }

  void bind(sqlite3_stmt* stmt, std::span<const value> params) {
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (static_cast<std::size_t>(expected) != params.size()) {
      throw error("sqlite: statement has " + std::to_string(expected) + " parameters, " +
                  std::to_string(params.size()) + " given");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      const value& v = params[i];
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        // SQLITE_STATIC: params outlive the statement's use, and statement_use clears the bindings.
        rc = sqlite3_bind_text(stmt, index, s->data(), to_int_size(s->size()), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) {
        fail(db_.get(), rc);
      }
    }
  }

  static column_names column_names_of(sqlite3_stmt* stmt, int columns) {
    auto names = std::make_shared<std::vector<std::string>>();
    names->reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      const char* name = sqlite3_column_name(stmt, c);
      names->emplace_back(name == nullptr ? "" : name);
    }
    return names;
  }

  static row read_row(sqlite3_stmt* stmt, const column_names& names, int columns) {
    std::vector<value> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          cells.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)});
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          cells.emplace_back(nullptr);
          break;
        default: {  // TEXT and BLOB: the pointer must be taken before the size
          const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
          cells.emplace_back(data == nullptr ? std::string() : std::string(data, size));
          break;
        }
      }
    }
    return row(names, std::move(cells));
  }

  // Destroyed in reverse order: statements are finalized before the handle is closed.
  db_handle db_;
  std::unordered_map<std::string, stmt_handle> statements_;
};

}  // namespace

std::unique_ptr<connection> open_sqlite(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is used by one thread at a time, so SQLite's own locking would be wasted.
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  db_handle db(raw);
  if (rc != SQLITE_OK) {
    throw error("sqlite: cannot open " + path.string() + ": " +
                (db != nullptr ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db.get(), 1);
  auto conn = std::make_unique<sqlite_connection>(std::move(db));
  conn->execute_script(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
  return conn;
}

}  // namespace platform::sql
