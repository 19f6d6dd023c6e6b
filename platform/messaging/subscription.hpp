// The handle of a subscription, whoever keeps it (kv pub/sub, the STOMP broker, Socket.IO rooms): destroying the
// handle ends the subscription.
#pragma once

#include <memory>

namespace platform::messaging {

// RAII: destroying it (or calling reset) cancels what it holds; empty handles do nothing. Move-only.
class subscription {
 public:
  // What a keeper of subscriptions holds per subscription. cancel() must be idempotent and noexcept; each keeper
  // documents what it guarantees once cancel() has returned (kv::pubsub: no call of the handler is running).
  class state {
   public:
    virtual ~state();
    virtual void cancel() noexcept = 0;
  };

  subscription() noexcept = default;
  explicit subscription(std::shared_ptr<state> owned) noexcept;
  ~subscription();

  subscription(subscription&& other) noexcept;
  // Cancels what this handle held before taking over other's subscription.
  subscription& operator=(subscription&& other) noexcept;
  subscription(const subscription&) = delete;
  subscription& operator=(const subscription&) = delete;

  // Cancels now; the handle becomes empty. Harmless on an empty handle.
  void reset() noexcept;
  [[nodiscard]] bool active() const noexcept { return state_ != nullptr; }
  explicit operator bool() const noexcept { return active(); }

 private:
  std::shared_ptr<state> state_;
};

}  // namespace platform::messaging
