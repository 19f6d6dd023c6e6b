// Signal-driven shutdown around io_context::run on a fixed set of threads.
#include "platform/io/run.hpp"

#include <algorithm>
#include <csignal>
#include <thread>
#include <vector>

#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>

namespace platform::io {

void run_until_signal(asio::io_context& io, std::size_t threads, std::function<asio::awaitable<void>()> on_signal) {
  // A peer that vanishes mid-write must cost an error code, not the process (OpenSSL and libcurl can
  // write to sockets without MSG_NOSIGNAL).
  std::signal(SIGPIPE, SIG_IGN);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io, on_signal = std::move(on_signal)](const boost::system::error_code& ec, int) {
    if (ec) return;  // cancelled: the context is stopping anyway
    asio::co_spawn(io, on_signal(), [&io](const std::exception_ptr&) { io.stop(); });
  });

  std::vector<std::jthread> workers;
  for (std::size_t i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
}

std::size_t io_thread_count(std::size_t configured) {
  if (configured > 0) return configured;
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace platform::io
