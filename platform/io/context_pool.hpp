// The I/O threads: one single-threaded io_context per thread, so a connection's handlers never need a
// strand, plus start-up and signal-driven shutdown around them.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "platform/io/asio.hpp"

namespace platform::io {

class context_pool {
 public:
  // threads: 0 means one per core.
  explicit context_pool(std::size_t threads);
  context_pool(const context_pool&) = delete;
  context_pool& operator=(const context_pool&) = delete;
  ~context_pool();

  // Where listeners, signals and other process-wide work live.
  asio::io_context& main() { return *contexts_.front(); }
  // The context for the next connection, round-robin. Called from the main context only.
  asio::io_context& next();
  std::size_t size() const { return contexts_.size(); }

  // Runs every context on its own thread (the caller's being the first) until SIGINT or SIGTERM; then
  // runs on_signal on the main context (stop accepting, finish in-flight work) and stops them all.
  void run_until_signal(std::function<asio::awaitable<void>()> on_signal);

 private:
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::size_t next_ = 0;
};

}  // namespace platform::io
