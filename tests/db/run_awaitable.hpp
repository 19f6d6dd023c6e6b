// Running a service's coroutine to completion from a test, on an io_context of its own.
#pragma once

#include <exception>
#include <optional>
#include <utility>

#include "platform/io/asio.hpp"

namespace test_db {

// The coroutine's value; rethrows what it threw. T must be default-constructible (co_spawn's handler gets one
// on failure).
template <class T>
T run_awaitable(platform::asio::awaitable<T> work) {
  platform::asio::io_context ctx;
  std::optional<T> value;
  std::exception_ptr failure;
  platform::asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e, T result) {
    failure = e;
    if (!e) value.emplace(std::move(result));
  });
  ctx.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*value);
}

// A coroutine of no value, to completion; rethrows what it threw.
inline void run_awaitable(platform::asio::awaitable<void> work) {
  platform::asio::io_context ctx;
  std::exception_ptr failure;
  platform::asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e) { failure = std::move(e); });
  ctx.run();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace test_db
