// The workers' loops around one channel: its buffer is the queue, its suspended senders the back-pressure.
#include "platform/jobs/bounded_executor.hpp"

#include <exception>
#include <utility>

#include <boost/asio/redirect_error.hpp>
#include <spdlog/spdlog.h>

#include "platform/io/spawn.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace platform::jobs {

bounded_executor::bounded_executor(std::string name, std::size_t workers, std::size_t capacity)
    : name_(std::move(name)) {
  if (workers == 0 || capacity == 0) throw std::invalid_argument("bounded executor needs a worker and a queue");
  for (std::size_t i = 0; i < workers; ++i) {
    contexts_.push_back(std::make_unique<asio::io_context>(1));
    guards_.push_back(asio::make_work_guard(*contexts_.back()));
  }
  queue_ = std::make_unique<channel>(contexts_.front()->get_executor(), capacity);
  for (auto& context : contexts_) {
    asio::co_spawn(*context, work_loop(), io::log_failure(name_ + " worker"));
    threads_.emplace_back([&context] { context->run(); });
  }
}

bounded_executor::~bounded_executor() { join(); }

asio::awaitable<void> bounded_executor::submit(job work) {
  if (stopped_.load()) throw executor_stopped();
  count_in();
  boost::system::error_code failed;
  co_await queue_->async_send(boost::system::error_code{}, std::move(work),
                              asio::redirect_error(asio::use_awaitable, failed));
  if (failed) {
    depth_.fetch_sub(1, std::memory_order_relaxed);
    throw executor_stopped();
  }
}

void bounded_executor::count_in() {
  const std::size_t now = depth_.fetch_add(1, std::memory_order_relaxed) + 1;
  std::size_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}

asio::awaitable<void> bounded_executor::work_loop() {
  for (;;) {
    boost::system::error_code failed;
    job work = co_await queue_->async_receive(asio::redirect_error(asio::use_awaitable, failed));
    if (failed || stopped_.load()) co_return;
    depth_.fetch_sub(1, std::memory_order_relaxed);
    try {
      co_await work();
      obs::count_job_run(name_, true);
    } catch (const std::exception& e) {
      obs::count_job_run(name_, false);
      spdlog::error("{}: a background job failed: {}", name_, e.what());
    }
  }
}

void bounded_executor::stop() {
  if (stopped_.exchange(true)) return;
  // Cancelling first completes the suspended submitters (executor_stopped) and the idle workers; closing then
  // refuses whatever comes later.
  queue_->cancel();
  queue_->close();
  for (auto& guard : guards_) guard.reset();
}

void bounded_executor::join() {
  stop();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

}  // namespace platform::jobs
