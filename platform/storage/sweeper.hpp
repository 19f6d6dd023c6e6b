// Runs the store sweep at start and then on a schedule, off the I/O threads, and logs what each run did.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <unordered_set>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "platform/io/asio.hpp"
#include "platform/storage/sweep.hpp"

namespace platform::io {
class blocking_pool;
}

namespace platform::storage {

// The keys that rows reference, read from the app's database (through its blocking pool).
using referenced_keys = std::function<asio::awaitable<std::unordered_set<std::string>>()>;

// Lives on one executor (the main I/O context): start(), stop() and the loop all run there, so its flags
// need no lock. The listing and removals run on the blocking pool.
class sweeper {
 public:
  sweeper(const asio::any_io_executor& executor, object_store& store, io::blocking_pool& pool,
          referenced_keys references, sweep_settings settings);
  sweeper(const sweeper&) = delete;
  sweeper& operator=(const sweeper&) = delete;

  // Spawns the loop: one run now, then one per interval. A failed run is logged and the next one tried.
  void start();
  // Cancels the wait between runs and resumes once a run in progress has finished (its store and database
  // must outlive it), so call it while draining.
  asio::awaitable<void> stop();

  // One run: takes the cutoff, then reads the references, then sweeps on the pool.
  asio::awaitable<sweep_counts> run_once();

 private:
  asio::awaitable<void> loop();

  object_store& store_;
  io::blocking_pool& pool_;
  referenced_keys references_;
  sweep_settings settings_;
  asio::any_io_executor executor_;
  asio::steady_timer next_run_;
  asio::steady_timer finished_;  // never expires; cancelled when the loop ends, which wakes stop()
  bool running_ = false;
  bool stopping_ = false;
};

}  // namespace platform::storage
