// Contract of platform::sql, run on SQLite and on the PostgreSQL named by TEST_POSTGRES_URL.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "platform/io/blocking_pool.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/database.hpp"
#include "platform/sql/error.hpp"
#include "platform/sql/migrate.hpp"
#include "platform/sql/transaction.hpp"
#include "tests/db/backends.hpp"

namespace {

namespace asio = platform::asio;
namespace io = platform::io;
namespace sql = platform::sql;
using test_db::count_rows;
using test_db::no_postgres;
using test_db::postgres_url;
using test_db::postgresql_backend;
using test_db::random_suffix;
using test_db::sqlite_backend;
using test_db::with_search_path;

// Runs a coroutine to completion on its own io_context and rethrows what it threw.
template <class F>
void run_on_io_context(F coroutine) {
  asio::io_context ctx;
  std::exception_ptr failure;
  asio::co_spawn(ctx, std::move(coroutine), [&failure](std::exception_ptr e) { failure = e; });
  ctx.run();
  if (failure) {
    std::rethrow_exception(failure);
  }
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

template <class Backend>
class Sql : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_);
    if constexpr (Backend::kind == sql::dialect::postgresql) {
      const char* base = postgres_url();
      if (base == nullptr) {
        GTEST_SKIP() << no_postgres;
      }
      schema_ = "sql_dbtest_" + random_suffix();
      admin_ = sql::database::open(base, pool_, 1);
      admin_->acquire()->execute_script("CREATE SCHEMA " + schema_);
      url_ = with_search_path(base, schema_);
    } else {
      // A missing parent directory must be created by open().
      url_ = "sqlite:" + (dir_ / "var" / "test.db").string();
    }
    db_ = open_database(4);
  }

  void TearDown() override {
    db_.reset();
    if (admin_) {
      admin_->acquire()->execute_script("DROP SCHEMA " + schema_ + " CASCADE");
    }
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<sql::database> open_database(std::size_t max_connections) {
    return sql::database::open(url_, pool_, max_connections);
  }

  std::filesystem::path migration_dir() {
    auto dir = dir_ / "migrations";
    std::filesystem::create_directories(dir);
    return dir;
  }

  static constexpr const char* own_suffix() { return Backend::kind == sql::dialect::sqlite ? "sqlite" : "postgresql"; }
  static constexpr const char* other_suffix() {
    return Backend::kind == sql::dialect::sqlite ? "postgresql" : "sqlite";
  }

  const std::filesystem::path dir_ = std::filesystem::temp_directory_path() / ("sql_dbtest_" + random_suffix());
  io::blocking_pool pool_{4, 256};
  std::string url_;
  std::string schema_;
  std::unique_ptr<sql::database> admin_;
  std::unique_ptr<sql::database> db_;
};

TYPED_TEST_SUITE(Sql, test_db::backends, test_db::backend_names);

TYPED_TEST(Sql, ReportsDialectWhenOpened) {
  EXPECT_EQ(this->db_->kind(), TypeParam::kind);
  EXPECT_EQ(this->db_->acquire()->kind(), TypeParam::kind);
}

TYPED_TEST(Sql, RoundTripsEveryValueTypeWhenBound) {
  auto conn = this->db_->acquire();
  conn->execute("CREATE TABLE v (id BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, t TEXT)");
  conn->execute("INSERT INTO v (id, i, d, t) VALUES (?, ?, ?, ?)", {1, 42, 0.1, "hello"});
  conn->execute("INSERT INTO v (id, i, d, t) VALUES (?, ?, ?, ?)", {2, -7, -1.5e300, ""});
  conn->execute(
      "INSERT INTO v (id, i, d, t) VALUES (?, ?, ?, ?)",
      {3, sql::nullable(std::optional<std::int64_t>()), nullptr, sql::nullable(std::optional<std::string>())});

  const auto r = conn->query("SELECT i, d, t FROM v ORDER BY id");
  ASSERT_EQ(r.size(), 3U);
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(r[0].at(0)));
  EXPECT_TRUE(std::holds_alternative<double>(r[0].at(1)));
  EXPECT_TRUE(std::holds_alternative<std::string>(r[0].at(2)));
  EXPECT_EQ(r[0].as_int(0), 42);
  EXPECT_EQ(r[0].as_double(1), 0.1);
  EXPECT_EQ(r[0].as_text(2), "hello");
  EXPECT_EQ(r[1].as_int(0), -7);
  EXPECT_EQ(r[1].as_double(1), -1.5e300);
  EXPECT_EQ(r[1].opt_text(2), std::optional<std::string>(""));
  for (std::size_t c = 0; c < 3; ++c) {
    EXPECT_TRUE(r[2].is_null(c)) << "column " << c;
  }
  EXPECT_EQ(r[2].opt_int(0), std::nullopt);
  EXPECT_EQ(r[2].opt_double(1), std::nullopt);
  EXPECT_EQ(r[2].opt_text(2), std::nullopt);
  EXPECT_THROW((void)r[2].as_int(0), sql::error);
  EXPECT_THROW((void)r[0].as_text(0), sql::error);
  EXPECT_THROW((void)r[0].at(3), sql::error);
}

TYPED_TEST(Sql, RoundTripsInt64ExtremesWhenBound) {
  auto conn = this->db_->acquire();
  conn->execute("CREATE TABLE n (v BIGINT)");
  const std::int64_t extremes[] = {std::numeric_limits<std::int64_t>::min(), -1, 0,
                                   std::numeric_limits<std::int64_t>::max()};
  for (const auto v : extremes) {
    conn->execute("INSERT INTO n (v) VALUES (?)", {v});
    EXPECT_EQ(conn->query("SELECT ?", {v})[0].as_int(0), v);
  }
  const auto r = conn->query("SELECT v FROM n ORDER BY v");
  ASSERT_EQ(r.size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(r[i].as_int(0), extremes[i]);
  }
}

TYPED_TEST(Sql, RoundTripsKoreanTextWhenUtf8) {
  auto conn = this->db_->acquire();
  const std::string text = "댕과사전 🐶 뽀독뽀독";
  conn->execute("CREATE TABLE k (t TEXT)");
  conn->execute("INSERT INTO k (t) VALUES (?)", {text});
  const auto r = conn->query("SELECT t, length(t) FROM k WHERE t = ?", {text});
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].as_text(0), text);
  EXPECT_EQ(r[0].as_int(1), 11) << "stored as UTF-8 characters, not bytes";
}

TYPED_TEST(Sql, LeavesQuestionMarksInLiteralsWhenRewritingPlaceholders) {
  auto conn = this->db_->acquire();
  const auto r =
      conn->query("SELECT 'it''s ?', ? /* ? */, \"q?\".x FROM (SELECT ? AS x) AS \"q?\" -- trailing ?\n", {"a", 7});
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].as_text(0), "it's ?");
  EXPECT_EQ(r[0].as_text(1), "a");
  EXPECT_EQ(r[0].as_int(2), 7);
}

TYPED_TEST(Sql, ThrowsErrorWhenParameterCountDiffers) {
  auto conn = this->db_->acquire();
  EXPECT_THROW(conn->query("SELECT ?, ?", {1}), sql::error);
  EXPECT_THROW(conn->query("SELECT '?'", {1}), sql::error);
}

TYPED_TEST(Sql, ThrowsErrorWhenSqlInvalidAndStaysUsable) {
  auto conn = this->db_->acquire();
  try {
    conn->query("SELEC 1");
    FAIL() << "invalid SQL accepted";
  } catch (const sql::unique_violation&) {
    FAIL() << "a syntax error is not a constraint violation";
  } catch (const sql::error& e) {
    EXPECT_NE(std::string(e.what()), "");
  }
  EXPECT_EQ(conn->query("SELECT 1")[0].as_int(0), 1);
  EXPECT_TRUE(conn->reusable());
}

TYPED_TEST(Sql, CountsAffectedRowsWhenExecuting) {
  auto conn = this->db_->acquire();
  EXPECT_EQ(conn->execute("CREATE TABLE a (x BIGINT)"), 0);
  EXPECT_EQ(conn->execute("INSERT INTO a (x) VALUES (?), (?), (?)", {1, 2, 3}), 3);
  EXPECT_EQ(conn->execute("UPDATE a SET x = x + 10 WHERE x > ?", {1}), 2);
  EXPECT_EQ(conn->execute("SELECT x FROM a"), 0);
  EXPECT_EQ(conn->execute("DELETE FROM a WHERE x = ?", {99}), 0);
  EXPECT_EQ(conn->execute("DELETE FROM a"), 3);
}

TYPED_TEST(Sql, ReturnsRowsWhenInsertReturning) {
  auto conn = this->db_->acquire();
  conn->execute("CREATE TABLE r (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
  const auto r = conn->query("INSERT INTO r (id, name) VALUES (?, ?) RETURNING id, name", {5, "five"});
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].as_int(0), 5);
  EXPECT_EQ(r[0].as_text(1), "five");
}

TYPED_TEST(Sql, ReadsColumnsByNameWhenAliasedOrQualified) {
  auto conn = this->db_->acquire();
  conn->execute("CREATE TABLE n (id BIGINT PRIMARY KEY, title TEXT NOT NULL, score DOUBLE PRECISION)");
  conn->execute("INSERT INTO n (id, title, score) VALUES (?, ?, ?)", {7, "seven", nullptr});
  const auto r = conn->query("SELECT t.title, t.id, (SELECT COUNT(*) FROM n) AS total, t.score FROM n t");
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].as_text("title"), "seven");
  EXPECT_EQ(r[0].as_int("id"), 7);
  EXPECT_EQ(r[0].as_int("total"), 1);
  EXPECT_EQ(r[0].opt_double("score"), std::nullopt);
  EXPECT_THROW((void)r[0].as_int("missing"), sql::error);
}

TYPED_TEST(Sql, CommitsWhenTransactionCommitted) {
  auto writer = this->db_->acquire();
  writer->execute("CREATE TABLE c (x BIGINT)");
  {
    sql::transaction tx(*writer);
    writer->execute("INSERT INTO c (x) VALUES (?)", {1});
    tx.commit();
  }
  EXPECT_TRUE(writer->reusable());
  auto reader = this->db_->acquire();  // a second connection sees only committed data
  EXPECT_EQ(count_rows(*reader, "c"), 1);
}

TYPED_TEST(Sql, RollsBackWhenTransactionLeftByException) {
  auto conn = this->db_->acquire();
  conn->execute("CREATE TABLE c (x BIGINT)");
  try {
    sql::transaction tx(*conn);
    conn->execute("INSERT INTO c (x) VALUES (?)", {1});
    throw std::runtime_error("service rule failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count_rows(*conn, "c"), 0);
  EXPECT_TRUE(conn->reusable());
}

TYPED_TEST(Sql, ThrowsUniqueViolationWhenKeyDuplicated) {
  auto conn = this->db_->acquire();
  conn->execute("CREATE TABLE u (id BIGINT PRIMARY KEY, email TEXT UNIQUE)");
  conn->execute("INSERT INTO u (id, email) VALUES (?, ?)", {1, "a@example.com"});
  EXPECT_THROW(conn->execute("INSERT INTO u (id, email) VALUES (?, ?)", {1, "b@example.com"}), sql::unique_violation);
  EXPECT_THROW(conn->execute("INSERT INTO u (id, email) VALUES (?, ?)", {2, "a@example.com"}), sql::unique_violation);
  EXPECT_EQ(count_rows(*conn, "u"), 1);
}

TYPED_TEST(Sql, ThrowsForeignKeyViolationWhenParentMissing) {
  auto conn = this->db_->acquire();
  conn->execute_script(
      "CREATE TABLE parent (id BIGINT PRIMARY KEY);"
      "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL REFERENCES parent (id));");
  EXPECT_THROW(conn->execute("INSERT INTO child (id, parent_id) VALUES (?, ?)", {1, 42}), sql::foreign_key_violation);
  conn->execute("INSERT INTO parent (id) VALUES (?)", {42});
  conn->execute("INSERT INTO child (id, parent_id) VALUES (?, ?)", {1, 42});
  EXPECT_THROW(conn->execute("DELETE FROM parent WHERE id = ?", {42}), sql::foreign_key_violation);
}

TYPED_TEST(Sql, ReturnsFreshResultsWhenPreparedStatementReused) {
  auto conn = this->db_->acquire();
  conn->execute("CREATE TABLE p (k TEXT, v BIGINT)");
  const char* lookup = "SELECT COUNT(*), MAX(v) FROM p WHERE k = ?";
  auto r = conn->query(lookup, {"a"});
  EXPECT_EQ(r[0].as_int(0), 0);
  EXPECT_TRUE(r[0].is_null(1));
  conn->execute("INSERT INTO p (k, v) VALUES (?, ?)", {"a", 3});
  r = conn->query(lookup, {"a"});
  EXPECT_EQ(r[0].as_int(0), 1);
  EXPECT_EQ(r[0].as_int(1), 3);
  conn->execute("INSERT INTO p (k, v) VALUES (?, ?)", {"a", 8});
  r = conn->query(lookup, {"a"});
  EXPECT_EQ(r[0].as_int(0), 2);
  EXPECT_EQ(r[0].as_int(1), 8);
  r = conn->query(lookup, {"b"});
  EXPECT_EQ(r[0].as_int(0), 0);
  // The same text with another parameter type must not reuse a statement typed for the first one.
  EXPECT_TRUE(conn->query("SELECT ?", {nullptr})[0].is_null(0));
  EXPECT_EQ(conn->query("SELECT ?", {9})[0].as_int(0), 9);
  EXPECT_EQ(conn->query("SELECT ?", {"t"})[0].as_text(0), "t");
}

TYPED_TEST(Sql, AppliesMigrationsInVersionOrderWhenRun) {
  const auto dir = this->migration_dir();
  write_file(dir / "10_seed.sql", "INSERT INTO m (a, b) VALUES (1, 'x');");
  write_file(dir / "0001_create.sql", "CREATE TABLE m (a BIGINT);");
  write_file(dir / "9_add_b.sql", "ALTER TABLE m ADD COLUMN b TEXT;");
  write_file(dir / "README.md", "not a migration");
  auto conn = this->db_->acquire();
  EXPECT_EQ(sql::migrate(*conn, dir), 3U);
  EXPECT_EQ(conn->query("SELECT b FROM m WHERE a = ?", {1})[0].as_text(0), "x");
  const auto applied = conn->query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_EQ(applied.size(), 3U);
  EXPECT_EQ(applied[0].as_int(0), 1);
  EXPECT_EQ(applied[1].as_int(0), 9);
  EXPECT_EQ(applied[2].as_int(0), 10);
  EXPECT_EQ(applied[1].as_text(1), "9_add_b.sql");
  EXPECT_GT(applied[0].as_int(2), 1'600'000'000);
}

TYPED_TEST(Sql, SkipsAppliedMigrationsWhenRunAgain) {
  const auto dir = this->migration_dir();
  write_file(dir / "0001_create.sql", "CREATE TABLE m (a BIGINT); INSERT INTO m (a) VALUES (1);");
  auto conn = this->db_->acquire();
  EXPECT_EQ(sql::migrate(*conn, dir), 1U);
  EXPECT_EQ(sql::migrate(*conn, dir), 0U);
  write_file(dir / "0002_more.sql", "INSERT INTO m (a) VALUES (2);");
  EXPECT_EQ(sql::migrate(*conn, dir), 1U);
  EXPECT_EQ(count_rows(*conn, "m"), 2);
}

TYPED_TEST(Sql, ReportsPendingAppliedAndVanishedMigrationsWithoutWriting) {
  const auto dir = this->migration_dir();
  write_file(dir / "0001_create.sql", "CREATE TABLE m (a BIGINT);");
  write_file(dir / "0002_more.sql", "INSERT INTO m (a) VALUES (2);");
  auto conn = this->db_->acquire();
  auto before = sql::migration_status(*conn, dir);
  ASSERT_EQ(before.size(), 2U);
  EXPECT_EQ(before[0].name, "0001_create.sql");
  EXPECT_FALSE(before[0].applied_at);
  EXPECT_THROW(conn->query("SELECT 1 FROM schema_migrations"), sql::error);  // status wrote nothing
  sql::migrate(*conn, dir);
  std::filesystem::remove(dir / "0002_more.sql");
  write_file(dir / "0003_later.sql", "INSERT INTO m (a) VALUES (3);");
  const auto after = sql::migration_status(*conn, dir);
  ASSERT_EQ(after.size(), 3U);
  EXPECT_TRUE(after[0].applied_at);
  EXPECT_FALSE(after[0].file_missing);
  EXPECT_EQ(after[1].name, "0002_more.sql");
  EXPECT_TRUE(after[1].file_missing);
  EXPECT_TRUE(after[1].applied_at);
  EXPECT_EQ(after[2].version, 3);
  EXPECT_FALSE(after[2].applied_at);
}

TYPED_TEST(Sql, PrefersDialectFileWhenBothExistForVersion) {
  const auto dir = this->migration_dir();
  const std::string own = this->own_suffix();
  const std::string other = this->other_suffix();
  write_file(dir / "0001_t.sql", "CREATE TABLE t (portable BIGINT);");
  write_file(dir / ("0001_t." + own + ".sql"), "CREATE TABLE t (mine BIGINT);");
  write_file(dir / ("0001_t." + other + ".sql"), "CREATE TABLE t (theirs BIGINT);");
  write_file(dir / ("0002_extra." + other + ".sql"), "CREATE TABLE only_theirs (x BIGINT);");
  write_file(dir / "0003_portable.sql", "CREATE TABLE shared (x BIGINT);");
  auto conn = this->db_->acquire();
  EXPECT_EQ(sql::migrate(*conn, dir), 2U);
  EXPECT_NO_THROW(conn->query("SELECT mine FROM t"));
  EXPECT_NO_THROW(conn->query("SELECT x FROM shared"));
  EXPECT_THROW(conn->query("SELECT portable FROM t"), sql::error);
  EXPECT_THROW(conn->query("SELECT x FROM only_theirs"), sql::error);
  EXPECT_EQ(conn->query("SELECT name FROM schema_migrations WHERE version = ?", {1})[0].as_text(0),
            "0001_t." + own + ".sql");
}

TYPED_TEST(Sql, AssignsIdsWhenIdPrimaryKeyUsedWithReturning) {
  const auto dir = this->migration_dir();
  write_file(dir / "0001_item.sql", "CREATE TABLE item (id {{id_primary_key}}, name TEXT NOT NULL);");
  auto conn = this->db_->acquire();
  sql::migrate(*conn, dir);
  const auto first = conn->query("INSERT INTO item (name) VALUES (?) RETURNING id", {"a"})[0].as_int(0);
  const auto second = conn->query("INSERT INTO item (name) VALUES (?) RETURNING id", {"b"})[0].as_int(0);
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  EXPECT_EQ(conn->query("SELECT name FROM item WHERE id = ?", {second})[0].as_text(0), "b");
}

TYPED_TEST(Sql, ThrowsErrorWhenMigrationVersionDuplicated) {
  const auto dir = this->migration_dir();
  write_file(dir / "0001_a.sql", "CREATE TABLE a (x BIGINT);");
  write_file(dir / "0001_b.sql", "CREATE TABLE b (x BIGINT);");
  auto conn = this->db_->acquire();
  EXPECT_THROW(sql::migrate(*conn, dir), sql::error);
  EXPECT_THROW(conn->query("SELECT x FROM a"), sql::error);

  std::filesystem::remove(dir / "0001_b.sql");
  const std::string own = this->own_suffix();
  write_file(dir / ("0002_c." + own + ".sql"), "CREATE TABLE c (x BIGINT);");
  write_file(dir / ("0002_d." + own + ".sql"), "CREATE TABLE d (x BIGINT);");
  EXPECT_THROW(sql::migrate(*conn, dir), sql::error);
}

TYPED_TEST(Sql, ThrowsErrorWhenMigrationFileMisnamed) {
  const auto dir = this->migration_dir();
  write_file(dir / "create_users.sql", "CREATE TABLE users (x BIGINT);");
  auto conn = this->db_->acquire();
  EXPECT_THROW(sql::migrate(*conn, dir), sql::error);
}

TYPED_TEST(Sql, RollsBackMigrationWhenScriptFails) {
  const auto dir = this->migration_dir();
  write_file(dir / "0001_ok.sql", "CREATE TABLE ok (x BIGINT);");
  write_file(dir / "0002_bad.sql", "CREATE TABLE half (x BIGINT); INSERT INTO nowhere (x) VALUES (1);");
  auto conn = this->db_->acquire();
  EXPECT_THROW(sql::migrate(*conn, dir), sql::error);
  EXPECT_TRUE(conn->reusable());
  EXPECT_EQ(count_rows(*conn, "schema_migrations"), 1);
  EXPECT_NO_THROW(conn->query("SELECT x FROM ok"));
  EXPECT_THROW(conn->query("SELECT x FROM half"), sql::error);
}

TYPED_TEST(Sql, RunsOnBlockingPoolWhenAwaitedFromCoroutine) {
  auto& db = *this->db_;
  const auto io_thread = std::this_thread::get_id();
  run_on_io_context([&db, io_thread]() -> asio::awaitable<void> {
    co_await db.run([](sql::connection& c) { c.execute("CREATE TABLE co (id BIGINT PRIMARY KEY, name TEXT)"); });
    const auto [id, thread] = co_await db.run([](sql::connection& c) {
      const auto r = c.query("INSERT INTO co (id, name) VALUES (?, ?) RETURNING id", {7, "seven"});
      return std::pair(r[0].as_int(0), std::this_thread::get_id());
    });
    EXPECT_EQ(id, 7);
    EXPECT_NE(thread, io_thread);
    EXPECT_EQ(std::this_thread::get_id(), io_thread) << "resumed on the caller's executor";
  });
}

TYPED_TEST(Sql, TransactCommitsWhenFnReturnsAndRollsBackWhenItThrows) {
  auto& db = *this->db_;
  db.acquire()->execute("CREATE TABLE tr (x BIGINT)");
  run_on_io_context([&db]() -> asio::awaitable<void> {
    const auto before = db.write_generation();
    const auto inserted =
        co_await db.transact([](sql::connection& c) { return c.execute("INSERT INTO tr (x) VALUES (?)", {1}); });
    EXPECT_EQ(inserted, 1);
    EXPECT_EQ(db.write_generation(), before + 1) << "a finished transaction moves the write generation";
    co_await db.run([](sql::connection& c) { return c.query("SELECT x FROM tr").size(); });
    EXPECT_EQ(db.write_generation(), before + 1) << "a read does not";
    bool thrown = false;
    try {
      co_await db.transact([](sql::connection& c) {
        c.execute("INSERT INTO tr (x) VALUES (?)", {2});
        throw std::runtime_error("rule broken after the write");
      });
    } catch (const std::runtime_error&) {
      thrown = true;
    }
    EXPECT_TRUE(thrown);
    EXPECT_EQ(db.write_generation(), before + 2) << "a rolled-back transaction counts too (conservative)";
  });
  EXPECT_EQ(db.acquire()->query("SELECT x FROM tr").size(), 1U);
}

TYPED_TEST(Sql, WaitsForFreeConnectionWhenPoolExhausted) {
  auto db = this->open_database(1);
  std::atomic<int> active{0};
  std::atomic<int> peak{0};
  std::mutex seen_mutex;
  std::set<const sql::connection*> seen;
  int finished = 0;
  run_on_io_context([&]() -> asio::awaitable<void> {
    // Four jobs on four pool threads compete for one connection: each must wait, none may fail.
    const auto job = [&]() -> asio::awaitable<void> {
      co_await db->run([&](sql::connection& c) {
        const int now = ++active;
        peak = std::max(peak.load(), now);
        c.query("SELECT 1");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        --active;
        const std::lock_guard lock(seen_mutex);
        seen.insert(&c);
      });
      ++finished;
    };
    auto executor = co_await asio::this_coro::executor;
    for (int i = 0; i < 3; ++i) {
      asio::co_spawn(executor, job, [](std::exception_ptr e) {
        if (e) {
          std::rethrow_exception(e);
        }
      });
    }
    co_await job();
  });
  EXPECT_EQ(finished, 4);
  EXPECT_EQ(peak.load(), 1);
  EXPECT_EQ(seen.size(), 1U) << "the one connection is reused";
}

TEST(SqlDatabase, ThrowsErrorWhenUrlUnsupported) {
  io::blocking_pool pool(1, 8);
  try {
    sql::database::open("mysql://user:secret@localhost/db", pool, 1);
    FAIL() << "mysql url accepted";
  } catch (const sql::error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("mysql"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret"), std::string::npos) << "the password must not reach logs";
  }
  EXPECT_THROW(sql::database::open("sqlite:", pool, 1), sql::error);
  EXPECT_THROW(sql::database::open("var/app.db", pool, 1), sql::error);
}

TEST(SqlPostgresql, DiscardsConnectionWhenServerClosedIt) {
  const char* url = postgres_url();
  if (url == nullptr) {
    GTEST_SKIP() << no_postgres;
  }
  io::blocking_pool pool(1, 8);
  auto db = sql::database::open(url, pool, 1);
  std::int64_t first_pid = 0;
  {
    auto conn = db->acquire();
    first_pid = conn->query("SELECT pg_backend_pid()")[0].as_int(0);
    EXPECT_THROW(conn->query("SELECT pg_terminate_backend(pg_backend_pid())"), sql::error);
    EXPECT_FALSE(conn->reusable());
  }
  auto conn = db->acquire();
  const auto second_pid = conn->query("SELECT pg_backend_pid()")[0].as_int(0);
  EXPECT_NE(second_pid, first_pid);
}

// A PostgreSQL restart ends every idle session in the pool: the next request must get a fresh connection,
// not the dead one and an error.
TEST(SqlPostgresql, ReplacesAnIdleConnectionTheServerEnded) {
  const char* url = postgres_url();
  if (url == nullptr) {
    GTEST_SKIP() << no_postgres;
  }
  io::blocking_pool pool(1, 8);
  auto db = sql::database::open(url, pool, 1);
  std::int64_t idle_pid = 0;
  {
    auto conn = db->acquire();
    idle_pid = conn->query("SELECT pg_backend_pid()")[0].as_int(0);
  }
  {
    auto admin = sql::database::open(url, pool, 1);
    auto conn = admin->acquire();
    conn->query("SELECT pg_terminate_backend(CAST(? AS INTEGER))", {idle_pid});
  }
  // The backend's goodbye reaches the idle socket a moment after pg_terminate_backend returns.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto conn = db->acquire();
  std::int64_t pid = 0;
  EXPECT_NO_THROW(pid = conn->query("SELECT pg_backend_pid()")[0].as_int(0));
  EXPECT_NE(pid, idle_pid);
}

TEST(SqlPostgresql, ThrowsErrorWhenServerUnreachable) {
  io::blocking_pool pool(1, 8);
  // Port 1 on loopback refuses at once; the error must come from acquire(), as a sql::error.
  auto db = sql::database::open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", pool, 1);
  EXPECT_THROW(db->acquire(), sql::error);
  EXPECT_THROW(db->acquire(), sql::error) << "a failed connect must give its slot back";
}

}  // namespace
