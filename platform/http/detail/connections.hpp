// Live connections of a server: drain() closes the idle ones and waits for the rest, and the listener
// refuses connections past the ceiling.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_set>

#include <boost/asio/any_io_executor.hpp>

namespace platform::http::detail {

// One per connection. `idle` and `close` are touched only on the connection's strand (`executor`).
struct connection_entry {
  boost::asio::any_io_executor executor;
  bool idle = false;
  std::function<void()> close;  // cancels the connection's pending I/O
};

class connections {
 public:
  // A connection's place in the set, from construction to destruction, however its coroutine ends (an
  // exception included). Destroyed on the connection's strand, after the stream `close` refers to.
  class membership {
   public:
    membership(connections& set, boost::asio::any_io_executor executor);
    membership(membership&& other) noexcept;
    membership(const membership&) = delete;
    membership& operator=(const membership&) = delete;
    membership& operator=(membership&&) = delete;
    ~membership();

    connection_entry& entry() const { return *entry_; }

   private:
    connections* set_;
    std::shared_ptr<connection_entry> entry_;
  };

  std::size_t size() const;
  // Asks every idle connection, on its own strand, to close.
  void close_idle() const;

 private:
  mutable std::mutex mutex_;  // guards entries_ only; never held across I/O
  std::unordered_set<std::shared_ptr<connection_entry>> entries_;
};

}  // namespace platform::http::detail
