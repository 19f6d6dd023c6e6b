// The thread Redis connections live on: one io_context run by one thread from construction to destruction.
#pragma once

#include <thread>

#include <boost/asio/executor_work_guard.hpp>

#include "platform/io/asio.hpp"

namespace platform::kv {

// The connections do not live on the server's I/O threads: the apps use kv before those threads run (the
// ranking rebuild before serving) and after they stop (destructors), and one thread is plenty for sockets that
// only shuttle bytes between callers and Redis (callers resume on their own executors).
class client_thread {
 public:
  client_thread() : thread_([this] { context_.run(); }) {}
  ~client_thread() {
    guard_.reset();
    thread_.join();
  }
  client_thread(const client_thread&) = delete;
  client_thread& operator=(const client_thread&) = delete;

  asio::any_io_executor executor() { return context_.get_executor(); }

 private:
  asio::io_context context_{1};
  asio::executor_work_guard<asio::io_context::executor_type> guard_{context_.get_executor()};
  std::thread thread_;
};

}  // namespace platform::kv
