// Runs an io_context on N threads until SIGINT or SIGTERM, then lets the app drain before returning.
#pragma once

#include <cstddef>
#include <functional>

#include "platform/io/asio.hpp"

namespace platform::io {

// on_signal runs once, on the io_context, when the first SIGINT/SIGTERM arrives (stop accepting, finish
// in-flight work); when it completes the context is stopped and run_until_signal returns.
void run_until_signal(asio::io_context& io, std::size_t threads, std::function<asio::awaitable<void>()> on_signal);

// The number of I/O threads for a configured value: 0 means one per core.
std::size_t io_thread_count(std::size_t configured);

}  // namespace platform::io
