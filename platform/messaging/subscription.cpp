// The subscription handle.
#include "platform/messaging/subscription.hpp"

#include <utility>

namespace platform::messaging {

subscription::state::~state() = default;

subscription::subscription(std::shared_ptr<state> owned) noexcept : state_(std::move(owned)) {}

subscription::~subscription() { reset(); }

subscription::subscription(subscription&& other) noexcept : state_(std::move(other.state_)) {}

subscription& subscription::operator=(subscription&& other) noexcept {
  if (this != &other) {
    reset();
    state_ = std::move(other.state_);
  }
  return *this;
}

void subscription::reset() noexcept {
  // Move out first so that a reset reached again through the state's own destruction sees an empty handle.
  if (auto held = std::move(state_)) held->cancel();
}

}  // namespace platform::messaging
