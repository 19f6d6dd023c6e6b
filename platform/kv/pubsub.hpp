// Interface every real-time broadcast goes through: in-process now, Redis pub/sub across instances later.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "platform/messaging/subscription.hpp"

namespace platform::kv {

// The handle subscribe() returns: destroying it (or calling reset) unsubscribes.
//
// Guarantees every implementation must keep (callers rely on them, not on one backend):
// - once reset() or the destructor has returned, the handler is never called again, and no call of it
//   is still running on another thread (the destructor waits for an in-flight call to finish);
// - reset() and the destructor may run on any thread, including inside the subscription's own handler:
//   the running call completes, no later one starts, and the handler object is destroyed once that
//   call has returned;
// - a handler is never run concurrently with itself (it may be re-entered on the same thread if it
//   publishes to its own channel).
// Because reset() can wait for a call running on another thread, a handler must not destroy *another*
// subscription whose handler may in turn destroy this one (two threads would wait for each other);
// post such teardown to the owner's executor instead.
using subscription = messaging::subscription;

// Publish/subscribe on exact channel names (e.g. "chat.room.42").
//
// Threading: publish and subscribe may be called from any thread, concurrently. Handlers may run on
// any thread (the publisher's for the in-process backend, a connection reader's for Redis); a
// handler must be quick and must not block or throw: hand the payload to its own executor (for
// example a WebSocket session's bounded send queue) and return.
// Order: a subscriber sees the messages one thread publishes to a channel in that order.
class pubsub {
 public:
  // The payload is shared by every subscriber and never copied per subscriber: keep the pointer
  // (it is immutable) rather than copying the string.
  using handler = std::function<void(std::string_view channel, const std::shared_ptr<const std::string>& payload)>;

  virtual ~pubsub();

  // Delivery starts with the next publish after this returns. Throws std::invalid_argument for an
  // empty handler.
  [[nodiscard]] virtual subscription subscribe(std::string channel, handler on_message) = 0;
  // Throws std::invalid_argument for a null payload. A channel without subscribers drops the message
  // (there is no history, as in Redis).
  virtual void publish(std::string_view channel, std::shared_ptr<const std::string> payload) = 0;

 protected:
  pubsub() = default;
  pubsub(const pubsub&) = default;
  pubsub& operator=(const pubsub&) = default;
  pubsub(pubsub&&) = default;
  pubsub& operator=(pubsub&&) = default;
};

}  // namespace platform::kv
