// What Bbodok's repository suites share: a scratch database per test with the real migrations applied, one
// connection leased for the test, and members to own what the test writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "platform/sql/connection.hpp"
#include "platform/sql/migrate.hpp"
#include "tests/db/backends.hpp"

#ifndef MIGRATIONS_DIR
#error "MIGRATIONS_DIR must name migrations/bbodok (set by tests/db/CMakeLists.txt)"
#endif

namespace test_db {

// 2023-07-01T09:00:00 in Seoul.
constexpr std::int64_t seoul_morning = 1688169600LL * 1'000'000;

// A typed fixture over test_db::backends. A suite derives from it, names its scratch databases, and adds
// its services and helpers in prepare(), which runs once the schema is there.
template <class Backend>
class bbodok_database : public ::testing::Test {
 protected:
  // max_connections: services under test lease connections beside the one the test holds.
  explicit bbodok_database(std::string name, std::size_t max_connections = 4)
      : name_(std::move(name)), max_connections_(max_connections) {}

  void SetUp() final {
    if (!scratch_.open<Backend>(name_, max_connections_)) GTEST_SKIP() << no_postgres;
    conn_.emplace(scratch_.db().acquire());
    sql::migrate(conn(), MIGRATIONS_DIR);
    prepare();
  }
  void TearDown() override { conn_.reset(); }

  virtual void prepare() {}

  sql::connection& conn() { return **conn_; }
  sql::database& db() { return scratch_.db(); }

  // A member as a Kakao sign-in would leave one (a plain row: the member feature's own suite tests its writes).
  std::int64_t add_member(const std::string& name, std::optional<std::string> profile = std::nullopt) {
    const auto id = conn().query(
        "INSERT INTO member (name, profile, email, kakao_id, created_at, updated_at) VALUES (?, ?, NULL, NULL, ?, ?) "
        "RETURNING member_id",
        {name, profile ? sql::value(*profile) : sql::value(), seoul_morning, seoul_morning});
    return id[0].as_int(0);
  }

  scratch_database scratch_;
  std::optional<sql::database::lease> conn_;

 private:
  std::string name_;
  std::size_t max_connections_;
};

}  // namespace test_db
