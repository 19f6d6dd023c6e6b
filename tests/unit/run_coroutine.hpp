// Running a coroutine to completion from a unit test, on an io_context of its own.
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "platform/io/asio.hpp"

namespace test_unit {

// The coroutine's value (none for void); rethrows what it threw.
template <class T>
T run_coroutine(platform::asio::awaitable<T> work) {
  platform::asio::io_context ctx;
  std::exception_ptr failure;
  if constexpr (std::is_void_v<T>) {
    platform::asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e) { failure = e; });
    ctx.run();
    if (failure) std::rethrow_exception(failure);
  } else {
    std::optional<T> value;
    platform::asio::co_spawn(ctx, std::move(work), [&](std::exception_ptr e, T result) {
      failure = e;
      if (!e) value.emplace(std::move(result));
    });
    ctx.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*value);
  }
}

}  // namespace test_unit
