// The sweep's schedule: an Asio timer on one executor, the work itself on the blocking pool.
#include "platform/storage/sweeper.hpp"

#include <exception>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <spdlog/spdlog.h>

#include "platform/io/blocking_pool.hpp"

namespace platform::storage {
namespace {

// blocking_pool::run passes its arguments as lvalues; the store travels as a pointer.
sweep_counts sweep_on(object_store* store, const std::unordered_set<std::string>& referenced,
                      std::chrono::system_clock::time_point cutoff, std::size_t max_removals) {
  return sweep_store(*store, referenced, cutoff, max_removals);
}

void log_counts(const sweep_counts& counts) {
  spdlog::info(
      "storage sweep: scanned {} objects, removed {} unreferenced, kept {} referenced and {} young; removed {} "
      "abandoned writes{}",
      counts.scanned, counts.removed, counts.kept_referenced, counts.kept_young, counts.abandoned_removed,
      counts.stopped_at_bound ? "; stopped at the per-run bound, the rest waits for the next run" : "");
}

}  // namespace

sweeper::sweeper(const asio::any_io_executor& executor, object_store& store, io::blocking_pool& pool,
                 referenced_keys references, sweep_settings settings)
    : store_(store),
      pool_(pool),
      references_(std::move(references)),
      settings_(settings),
      executor_(executor),
      next_run_(executor),
      finished_(executor, asio::steady_timer::time_point::max()) {}

void sweeper::start() {
  running_ = true;
  asio::co_spawn(executor_, loop(), [this](const std::exception_ptr& failure) {
    if (failure) {
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& e) {
        spdlog::error("storage sweep loop ended: {}", e.what());
      }
    }
    running_ = false;
    finished_.cancel();
  });
}

asio::awaitable<void> sweeper::stop() {
  stopping_ = true;
  next_run_.cancel();
  if (!running_) co_return;
  // operation_aborted is the expected outcome: the loop cancelled finished_ as it ended.
  co_await finished_.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<sweep_counts> sweeper::run_once() {
  // The cutoff comes first: an object older than it was stored before the references below were read.
  const auto cutoff = std::chrono::system_clock::now() - settings_.grace;
  auto referenced = co_await references_();
  co_return co_await pool_.run(sweep_on, &store_, std::move(referenced), cutoff, settings_.max_removals);
}

asio::awaitable<void> sweeper::loop() {
  while (!stopping_) {
    try {
      log_counts(co_await run_once());
    } catch (const std::exception& e) {
      spdlog::error("storage sweep failed (next run in {} s): {}", settings_.interval.count(), e.what());
    }
    if (stopping_ || settings_.interval.count() == 0) co_return;
    next_run_.expires_after(settings_.interval);
    // operation_aborted means stop() cancelled the wait; the loop condition ends it.
    co_await next_run_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace platform::storage
