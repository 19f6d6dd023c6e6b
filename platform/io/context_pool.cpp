// One io_context per I/O thread, kept alive until shutdown.
#include "platform/io/context_pool.hpp"

#include <algorithm>
#include <csignal>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>

#include "platform/io/spawn.hpp"

namespace platform::io {

context_pool::context_pool(std::size_t threads) {
  const std::size_t count = threads > 0 ? threads : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < count; ++i) {
    // Concurrency hint 1: each context is run by exactly one thread, which lets Asio skip some locking.
    contexts_.push_back(std::make_unique<asio::io_context>(1));
  }
}

context_pool::~context_pool() = default;

asio::io_context& context_pool::next() {
  asio::io_context& chosen = *contexts_[next_];
  next_ = (next_ + 1) % contexts_.size();
  return chosen;
}

void context_pool::run_until_signal(std::function<asio::awaitable<void>()> on_signal) {
  // A peer that vanishes mid-write must cost an error code, not the process (OpenSSL and libcurl can
  // write to sockets without MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);

  // Idle contexts must keep running until shutdown, not return as soon as they have no work.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  for (auto& context : contexts_) keep_running.push_back(asio::make_work_guard(*context));

  // on_signal stays here, not in the handler, which is freed when it returns: a coroutine lambda's captures
  // must outlive the coroutine, which resumes long after.
  asio::signal_set signals(main(), SIGINT, SIGTERM);
  signals.async_wait([this, &keep_running, &on_signal](const boost::system::error_code& ec, int) {
    if (ec) return;  // cancelled: the contexts are stopping anyway
    asio::co_spawn(main(), on_signal(), [this, &keep_running](const std::exception_ptr& failure) {
      log_escaped("shutdown", failure);  // stopping goes on all the same
      keep_running.clear();
      for (auto& context : contexts_) context->stop();
    });
  });

  std::vector<std::jthread> workers;
  for (std::size_t i = 1; i < contexts_.size(); ++i)
    workers.emplace_back([context = contexts_[i].get()] { context->run(); });
  main().run();
}

}  // namespace platform::io
