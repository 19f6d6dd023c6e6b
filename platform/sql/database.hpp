// A bounded pool of connections to one database, used from coroutines through the blocking pool.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "platform/io/asio.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/transaction.hpp"

namespace platform::sql {

class database {
 public:
  using connection_factory = std::function<std::unique_ptr<connection>()>;

  // url: "sqlite:<path>" (the parent directory is created if missing) or a libpq URI starting with
  // "postgresql://" or "postgres://". Throws sql::error for any other url. Connections are opened lazily,
  // so a bad PostgreSQL address is reported by the first acquire().
  static std::unique_ptr<database> open(const std::string& url, io::blocking_pool& pool, std::size_t max_connections);

  database(dialect kind, connection_factory factory, io::blocking_pool& pool, std::size_t max_connections);
  database(const database&) = delete;
  database& operator=(const database&) = delete;
  ~database();

  dialect kind() const { return kind_; }

  // A connection borrowed from the pool and given back when the lease is destroyed.
  class lease {
   public:
    lease(database& owner, std::unique_ptr<connection> conn) : owner_(&owner), conn_(std::move(conn)) {}
    lease(lease&& other) noexcept = default;
    lease& operator=(lease&&) = delete;
    lease(const lease&) = delete;
    lease& operator=(const lease&) = delete;
    ~lease();

    connection& operator*() const { return *conn_; }
    connection* operator->() const { return conn_.get(); }

   private:
    database* owner_;
    std::unique_ptr<connection> conn_;
  };

  // Blocks until a connection is free (or opens one while fewer than max_connections exist). For start-up,
  // CLI subcommands and tests; never call it on an I/O thread. A thread holding a lease must not wait
  // for another one: with a small pool that deadlocks.
  lease acquire();

  // Runs fn(connection&, args...) on the blocking pool with a pooled connection; the wait for a free
  // connection happens on the pool thread, never on the caller's. Pass a named function and its
  // arguments, not a capturing lambda written inside the co_await (see blocking_pool::run).
  template <class F, class... Args>
  asio::awaitable<std::invoke_result_t<F&, connection&, Args&...>> run(F fn, Args... args) {
    return pool_.run(
        [this](F& job, Args&... values) {
          lease conn = acquire();
          return job(*conn, values...);
        },
        std::move(fn), std::move(args)...);
  }

  // As run(), inside a transaction committed when fn returns and rolled back when it throws. Every write
  // goes through here: it keeps write_generation() true and, on SQLite, queues writers in this process.
  template <class F, class... Args>
  asio::awaitable<std::invoke_result_t<F&, connection&, Args&...>> transact(F fn, Args... args) {
    return pool_.run(
        [this](F& job, Args&... values) {
          const auto writing = take_turn_to_write();
          lease conn = acquire();
          const count_write counted{write_generation_};
          auto body = [&](connection& c) { return job(c, values...); };
          return in_transaction(*conn, body);
        },
        std::move(fn), std::move(args)...);
  }

  // Increases once every transact() has finished (committed or not). A result read through run() while it
  // had one value is still current while it keeps that value, as far as this process's writes go: read it
  // before the query, keep the result under it (see the apps' list caches).
  std::uint64_t write_generation() const { return write_generation_.load(std::memory_order_acquire); }

 private:
  // Bumps the generation when the transaction is over, however it ended.
  struct count_write {
    std::atomic<std::uint64_t>& generation;
    ~count_write() { generation.fetch_add(1, std::memory_order_acq_rel); }
  };

  // SQLite lets one transaction write at a time. Writers of this process wait for their turn here rather
  // than in SQLite's busy handler, whose sleeps (1 ms growing to 100 ms, retried) made a write wait far
  // longer than the writes ahead of it: under load the handler, not the work, set the tail latency.
  // PostgreSQL needs no turn (row locks).
  std::unique_lock<std::mutex> take_turn_to_write() {
    return kind_ == dialect::sqlite ? std::unique_lock(sqlite_writer_) : std::unique_lock<std::mutex>();
  }

  void release(std::unique_ptr<connection> conn);

  const dialect kind_;
  const connection_factory factory_;
  io::blocking_pool& pool_;
  const std::size_t max_connections_;
  std::atomic<std::uint64_t> write_generation_{0};
  std::mutex sqlite_writer_;

  // Guarded by mutex_; pool threads and synchronous callers acquire and release concurrently.
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<connection>> idle_;
  std::size_t open_ = 0;  // idle plus leased
};

}  // namespace platform::sql
