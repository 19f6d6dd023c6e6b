// Completion handlers for coroutines started with co_spawn, so that nothing escaping one vanishes unseen.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <utility>

namespace platform::io {

// Logs at error level what escaped the coroutine named `what`; nothing when `failure` is empty.
void log_escaped(std::string_view what, const std::exception_ptr& failure);

// co_spawn's completion handler for a coroutine whose failure has no one else to go to (instead of
// asio::detached): asio::co_spawn(executor, serve(...), io::log_failure("http connection")).
// A class rather than an aggregate: GCC 12 mis-copies brace-initialised aggregates around coroutines.
class log_failure {
 public:
  explicit log_failure(std::string what) : what_(std::move(what)) {}

  void operator()(const std::exception_ptr& failure) const { log_escaped(what_, failure); }
  // A coroutine with a result nobody waits for: only its failure matters.
  template <class Result>
  void operator()(const std::exception_ptr& failure, Result&&) const {
    log_escaped(what_, failure);
  }

 private:
  std::string what_;
};

}  // namespace platform::io
