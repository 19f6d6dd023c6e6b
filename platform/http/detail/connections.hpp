// Live connections of a server, so that drain() can close the idle ones and wait for the rest.
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
  void add(const std::shared_ptr<connection_entry>& entry);
  void remove(const std::shared_ptr<connection_entry>& entry);
  std::size_t size() const;
  // Asks every idle connection, on its own strand, to close.
  void close_idle() const;

 private:
  mutable std::mutex mutex_;  // guards entries_ only; never held across I/O
  std::unordered_set<std::shared_ptr<connection_entry>> entries_;
};

}  // namespace platform::http::detail
