// platform::sql::database::transact on SQLite from several I/O threads at once: writers take turns in this
// process, every write lands once, and reads run beside them. Run under ThreadSanitizer by scripts/test.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "platform/io/blocking_pool.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/database.hpp"
#include "tests/db/backends.hpp"

namespace {

namespace asio = platform::asio;
namespace io = platform::io;
namespace sql = platform::sql;
using namespace std::chrono_literals;

// How many transaction bodies run at once, and the most that ever did.
struct overlap {
  std::atomic<int> running{0};
  std::atomic<int> peak{0};

  void enter() {
    const int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
  }
  void leave() { --running; }
};

// A read-modify-write: lost if two of them ever interleaved.
std::int64_t increment(sql::connection& c, overlap* bodies) {
  bodies->enter();
  const auto n = c.query("SELECT n FROM counter")[0].as_int(0);
  std::this_thread::sleep_for(100us);
  c.execute("UPDATE counter SET n = ?", {n + 1});
  bodies->leave();
  return n + 1;
}

std::int64_t read_counter(sql::connection& c) { return c.query("SELECT n FROM counter")[0].as_int(0); }

asio::awaitable<void> write_and_read(sql::database& db, overlap& bodies, int writes) {
  std::int64_t last_read = 0;
  for (int i = 0; i < writes; ++i) {
    const auto written = co_await db.transact(increment, &bodies);
    const auto read = co_await db.run(read_counter);
    EXPECT_GE(read, written) << "a committed write is visible to the next read";
    EXPECT_GE(read, last_read);
    last_read = read;
  }
}

class SqliteWriterTurns : public ::testing::Test {
 protected:
  void SetUp() override {
    db_->acquire()->execute_script("CREATE TABLE counter (n BIGINT NOT NULL); INSERT INTO counter (n) VALUES (0);");
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Runs one coroutine per I/O thread, each on its own single-threaded io_context as in production.
  template <class Spawn>
  void on_io_threads(std::size_t count, Spawn spawn) {
    std::vector<asio::io_context> contexts(count);
    std::atomic<bool> failed{false};
    for (auto& context : contexts) {
      spawn(context, [&failed](const std::exception_ptr& e) {
        if (e) failed = true;
      });
    }
    std::vector<std::thread> threads;
    for (auto& context : contexts) threads.emplace_back([&context] { context.run(); });
    for (auto& thread : threads) thread.join();
    EXPECT_FALSE(failed.load()) << "a transaction failed (SQLITE_BUSY?)";
  }

  const std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("sql_writer_turns_dbtest_" + test_db::random_suffix());
  io::blocking_pool pool_{4, 256};
  std::unique_ptr<sql::database> db_ = sql::database::open("sqlite:" + (dir_ / "test.db").string(), pool_, 4);
};

TEST_F(SqliteWriterTurns, LandsEveryWriteOnceWhenIoThreadsWriteAndReadAtOnce) {
  constexpr std::size_t threads = 4;
  constexpr int writes = 25;
  constexpr std::uint64_t total = threads * writes;
  overlap bodies;
  const auto before = db_->write_generation();
  on_io_threads(threads, [&](asio::io_context& context, auto done) {
    asio::co_spawn(context, write_and_read(*db_, bodies, writes), done);
  });
  EXPECT_EQ(static_cast<std::uint64_t>(read_counter(*db_->acquire())), total) << "no write was lost";
  EXPECT_EQ(db_->write_generation(), before + total) << "each transaction counted once";
  EXPECT_EQ(bodies.peak.load(), 1) << "one writer at a time";
}

// Holds the write turn until the test opens the gate.
std::int64_t hold_turn(sql::connection& c, std::promise<void>* entered, std::shared_future<void>* gate) {
  c.execute("UPDATE counter SET n = n + 1");
  entered->set_value();
  gate->wait();
  return 0;
}

std::int64_t add_one(sql::connection& c) { return c.execute("UPDATE counter SET n = n + 1"); }

std::int64_t wait_for(sql::connection& /*unused*/, std::shared_future<void>* event) {
  event->wait();
  return 0;
}

asio::awaitable<void> hold_then_release(sql::database& db, std::promise<void>& entered,
                                        std::shared_future<void>& gate) {
  co_await db.transact(hold_turn, &entered, &gate);
}

asio::awaitable<void> write_after(sql::database& db, std::shared_future<void>& entered) {
  co_await db.run(wait_for, &entered);
  co_await db.transact(add_one);
}

// SQLite's busy handler gives up after its timeout (5 s); a writer waiting for its turn in this process
// must not, however long the transaction ahead of it takes.
TEST_F(SqliteWriterTurns, QueuesWritersBehindALongTransactionPastTheBusyTimeout) {
  std::promise<void> entered;
  std::shared_future<void> has_entered = entered.get_future().share();
  std::promise<void> open;
  std::shared_future<void> gate = open.get_future().share();
  std::thread opener([&] {
    has_entered.wait();
    std::this_thread::sleep_for(5500ms);
    open.set_value();
  });
  on_io_threads(3, [&, first = true](asio::io_context& context, auto done) mutable {
    if (first) {
      asio::co_spawn(context, hold_then_release(*db_, entered, gate), done);
      first = false;
    } else {
      asio::co_spawn(context, write_after(*db_, has_entered), done);
    }
  });
  opener.join();
  EXPECT_EQ(read_counter(*db_->acquire()), 3);
}

}  // namespace
