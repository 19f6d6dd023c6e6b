// What Daengtionary's repository suites share: a scratch database per test with the real migrations
// applied, one connection leased for the test, and members to own what the test writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "apps/daengtionary/member/repository.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/migrate.hpp"
#include "tests/db/backends.hpp"

#ifndef MIGRATIONS_DIR
#error "MIGRATIONS_DIR must name migrations/daengtionary (set by tests/db/CMakeLists.txt)"
#endif

namespace test_db {

constexpr std::int64_t t0 = 1664950365123456;  // 2022-10-05T06:12:45.123456Z
constexpr std::int64_t t1 = t0 + 60'000'000;

// A typed fixture over test_db::backends. A suite derives from it, names its scratch databases, and adds
// its members, services and helpers in prepare(), which runs once the schema is there.
template <class Backend>
class daengtionary_database : public ::testing::Test {
 protected:
  // max_connections: services under test lease connections beside the one the test holds.
  explicit daengtionary_database(std::string name, std::size_t max_connections = 4)
      : name_(std::move(name)), max_connections_(max_connections) {}

  void SetUp() final {
    if (!scratch_.open<Backend>(name_, max_connections_)) GTEST_SKIP() << no_postgres;
    conn_.emplace(scratch_.db().acquire());
    applied_ = sql::migrate(conn(), MIGRATIONS_DIR);
    prepare();
  }
  void TearDown() override { conn_.reset(); }

  virtual void prepare() {}

  sql::connection& conn() { return **conn_; }
  sql::database& db() { return scratch_.db(); }

  std::int64_t add_member(const std::string& email, const std::string& nick,
                          std::optional<std::int64_t> kakao_id = std::nullopt) {
    return daengtionary::member::repository::insert(
        conn(), daengtionary::member::new_member{email, "$2a$10$hash-of-" + nick, nick, "USER", kakao_id}, t0);
  }

  scratch_database scratch_;
  std::optional<sql::database::lease> conn_;
  std::size_t applied_ = 0;  // migrations this test's SetUp applied

 private:
  std::string name_;
  std::size_t max_connections_;
};

}  // namespace test_db
