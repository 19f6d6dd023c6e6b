// Embedded pub/sub backend: delivers within this process, synchronously on the publisher's thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "platform/kv/pubsub.hpp"

namespace platform::kv {

namespace detail {
class in_process_registry;
}

// Threading: publish runs every handler of the channel on the calling thread before it returns, so a
// handler must only hand the payload to its own executor (a WebSocket session's send queue) and
// return; one that blocks stalls the publisher and every other publisher to the same subscriber.
// The channel map's lock is never held while a handler runs, so a handler may subscribe, unsubscribe
// and destroy its own subscription. Only that subscription's delivery lock is held (see
// in_process_pubsub.cpp), so publishing from inside a handler delivers nested under it: fine on its
// own, but two handlers publishing into each other's channels from two threads can deadlock, so a
// handler that must publish should post the publish to its executor like any other work.
// Subscriptions may outlive this object: destroying one afterwards is safe and does nothing more.
class in_process_pubsub final : public pubsub {
 public:
  in_process_pubsub();
  ~in_process_pubsub() override;
  in_process_pubsub(const in_process_pubsub&) = delete;
  in_process_pubsub& operator=(const in_process_pubsub&) = delete;
  in_process_pubsub(in_process_pubsub&&) = delete;
  in_process_pubsub& operator=(in_process_pubsub&&) = delete;

  [[nodiscard]] subscription subscribe(std::string channel, handler on_message) override;
  void publish(std::string_view channel, std::shared_ptr<const std::string> payload) override;

  // For health pages and tests: channels with at least one subscriber, and subscribers of one channel.
  [[nodiscard]] std::size_t channel_count() const;
  [[nodiscard]] std::size_t subscriber_count(std::string_view channel) const;

 private:
  std::shared_ptr<detail::in_process_registry> registry_;
};

}  // namespace platform::kv
