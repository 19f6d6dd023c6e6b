// The two SQL backends a repository suite runs on, and a scratch database per test for each of them.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "platform/io/blocking_pool.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/database.hpp"

namespace test_db {

namespace sql = platform::sql;

struct sqlite_backend {
  static constexpr sql::dialect kind = sql::dialect::sqlite;
  static constexpr const char* name = "sqlite";
};
struct postgresql_backend {
  static constexpr sql::dialect kind = sql::dialect::postgresql;
  static constexpr const char* name = "postgresql";
};

using backends = ::testing::Types<sqlite_backend, postgresql_backend>;

// TYPED_TEST_SUITE(Suite, test_db::backends, test_db::backend_names) names cases .../sqlite, .../postgresql.
struct backend_names {
  template <class T>
  static std::string GetName(int) {
    return T::name;
  }
};

inline std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> digits;
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(digits(device)));
  return buffer;
}

inline std::int64_t count_rows(sql::connection& conn, const std::string& table) {
  return conn.query("SELECT COUNT(*) FROM " + table)[0].as_int(0);
}

inline const char* postgres_url() {
  const char* url = std::getenv("TEST_POSTGRES_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

inline constexpr const char* no_postgres =
    "TEST_POSTGRES_URL is not set, so PostgreSQL cases are skipped (scripts/test sets it)";

// Every connection of a test's database starts in the test's own schema, so tests cannot see each other.
inline std::string with_search_path(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

// An empty database for one test: a SQLite file in a fresh temporary directory, or a fresh schema of the
// PostgreSQL named by TEST_POSTGRES_URL (dropped on destruction). Use it from SetUp():
//   if (!scratch_.open<TypeParam>("my_dbtest")) GTEST_SKIP() << test_db::no_postgres;
class scratch_database {
 public:
  scratch_database() = default;
  scratch_database(const scratch_database&) = delete;
  scratch_database& operator=(const scratch_database&) = delete;
  ~scratch_database() {
    db_.reset();
    if (admin_) {
      admin_->acquire()->execute_script("DROP SCHEMA " + schema_ + " CASCADE");
    }
    if (!dir_.empty()) {
      std::error_code ignored;  // a leftover temporary directory is not worth failing a test over
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  // False when the backend is PostgreSQL and TEST_POSTGRES_URL is unset (the caller skips).
  template <class Backend>
  bool open(const std::string& prefix, std::size_t max_connections = 4) {
    if constexpr (Backend::kind == sql::dialect::postgresql) {
      const char* base = postgres_url();
      if (base == nullptr) {
        return false;
      }
      schema_ = prefix + "_" + random_suffix();
      admin_ = sql::database::open(base, pool_, 1);
      admin_->acquire()->execute_script("CREATE SCHEMA " + schema_);
      db_ = sql::database::open(with_search_path(base, schema_), pool_, max_connections);
    } else {
      dir_ = std::filesystem::temp_directory_path() / (prefix + "_" + random_suffix());
      db_ = sql::database::open("sqlite:" + (dir_ / "test.db").string(), pool_, max_connections);
    }
    return true;
  }

  sql::database& db() { return *db_; }
  platform::io::blocking_pool& pool() { return pool_; }

 private:
  platform::io::blocking_pool pool_{4, 256};
  std::filesystem::path dir_;
  std::string schema_;
  std::unique_ptr<sql::database> admin_;
  std::unique_ptr<sql::database> db_;
};

}  // namespace test_db
