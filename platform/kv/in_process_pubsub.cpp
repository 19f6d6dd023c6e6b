// Embedded pub/sub backend: a copy-on-write channel map and one delivery lock per subscription.
#include "platform/kv/in_process_pubsub.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace platform::kv {

namespace detail {

class in_process_registry;

// One subscription: its handler and the state that decides whether the handler may still run.
class delivery_target final : public subscription::state {
 public:
  delivery_target(std::weak_ptr<in_process_registry> registry, std::string channel, pubsub::handler on_message)
      : on_message_(std::move(on_message)), channel_(std::move(channel)), registry_(std::move(registry)) {}

  [[nodiscard]] const std::string& channel() const noexcept { return channel_; }

  // Handlers must not throw (pubsub.hpp); one that does ends the process here rather than silently
  // skipping the rest of the channel's subscribers.
  void deliver(const std::shared_ptr<const std::string>& payload) noexcept {
    pubsub::handler finished;  // destroyed after the lock is released: its captures may do anything
    {
      const std::lock_guard lock(mutex_);
      if (!active_) return;
      ++depth_;
      on_message_(channel_, payload);
      --depth_;
      // The handler cancelled its own subscription: destroy it now that no call of it is running.
      if (!active_ && depth_ == 0) finished = std::move(on_message_);
    }
  }

  void cancel() noexcept override;

 private:
  // Threading: mutex_ guards active_, depth_ and on_message_.
  // - deliver() holds mutex_ for the whole handler call and checks active_ under it first. cancel()
  //   clears active_ under mutex_. So when cancel() returns, a call running on another thread has
  //   finished (cancel waited for the lock) and every later deliver() — including one from a publisher
  //   that copied the subscriber list before the unsubscribe — sees active_ == false and skips. This
  //   is what makes "never called after the subscription's destructor returned" hold even though the
  //   channel map's lock is not held during delivery.
  // - The same lock serialises calls, so a handler never runs concurrently with itself.
  // - It is recursive because a handler may, on its own thread, cancel its own subscription (cancel
  //   re-enters, clears active_ and returns; the running call is its caller) or publish to its own
  //   channel (a nested call). depth_ counts the running calls so that on_message_ is destroyed only
  //   when none is running: destroying a std::function while it executes is undefined.
  std::recursive_mutex mutex_;
  bool active_ = true;
  int depth_ = 0;
  pubsub::handler on_message_;

  const std::string channel_;
  const std::weak_ptr<in_process_registry> registry_;  // weak: subscriptions may outlive the pubsub
};

// The channel map shared by an in_process_pubsub and (weakly) by its subscriptions.
class in_process_registry {
 public:
  using subscriber_list = std::vector<std::shared_ptr<delivery_target>>;

  void add(std::shared_ptr<delivery_target> target) {
    const std::lock_guard lock(mutex_);
    auto& list = channels_[target->channel()];
    auto next = list ? std::make_shared<subscriber_list>(*list) : std::make_shared<subscriber_list>();
    next->push_back(std::move(target));
    list = std::move(next);
  }

  // noexcept because unsubscribing runs in destructors; only bad_alloc could escape, and ends the process.
  void remove(const delivery_target& target) noexcept {
    const std::lock_guard lock(mutex_);
    const auto it = channels_.find(std::string_view(target.channel()));
    if (it == channels_.end()) return;
    auto next = std::make_shared<subscriber_list>();
    next->reserve(it->second->size());
    std::copy_if(it->second->begin(), it->second->end(), std::back_inserter(*next),
                 [&](const auto& candidate) { return candidate.get() != &target; });
    if (next->empty()) {
      channels_.erase(it);  // rooms come and go: do not keep a key per room ever used
    } else {
      it->second = std::move(next);
    }
  }

  [[nodiscard]] std::shared_ptr<const subscriber_list> subscribers(std::string_view channel) const {
    const std::lock_guard lock(mutex_);
    const auto it = channels_.find(channel);
    return it == channels_.end() ? nullptr : it->second;
  }

  [[nodiscard]] std::size_t channel_count() const {
    const std::lock_guard lock(mutex_);
    return channels_.size();
  }

 private:
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  // Threading: mutex_ guards channels_ and is held only for one lookup or one list replacement, never
  // while a handler runs (a handler may subscribe, unsubscribe or publish, and must not wait for this
  // lock's other users). The lists are copy-on-write and immutable once published: publish copies one
  // shared_ptr under the lock and walks the list outside it; subscribe and unsubscribe install a new
  // list. A publisher may therefore walk a list that still holds a subscription cancelled meanwhile;
  // delivery_target::active_ (checked under its own lock) is what stops that call.
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const subscriber_list>, string_hash, std::equal_to<>> channels_;
};

void delivery_target::cancel() noexcept {
  pubsub::handler finished;  // declared first so that it is destroyed last, with no lock held
  {
    const std::lock_guard lock(mutex_);  // waits for a call running on another thread
    if (!active_) return;
    active_ = false;
    // Inside our own handler on this thread, deliver() destroys it once the call returns.
    if (depth_ == 0) finished = std::move(on_message_);
  }
  if (const auto registry = registry_.lock()) registry->remove(*this);
}

}  // namespace detail

in_process_pubsub::in_process_pubsub() : registry_(std::make_shared<detail::in_process_registry>()) {}

in_process_pubsub::~in_process_pubsub() = default;

subscription in_process_pubsub::subscribe(std::string channel, handler on_message) {
  if (!on_message) throw std::invalid_argument("pubsub::subscribe: empty handler");
  auto target = std::make_shared<detail::delivery_target>(registry_, std::move(channel), std::move(on_message));
  registry_->add(target);
  return subscription(std::move(target));
}

void in_process_pubsub::publish(std::string_view channel, std::shared_ptr<const std::string> payload) {
  if (!payload) throw std::invalid_argument("pubsub::publish: null payload");
  const auto subscribers = registry_->subscribers(channel);
  if (!subscribers) return;
  for (const auto& target : *subscribers) target->deliver(payload);
}

std::size_t in_process_pubsub::channel_count() const { return registry_->channel_count(); }

std::size_t in_process_pubsub::subscriber_count(std::string_view channel) const {
  const auto subscribers = registry_->subscribers(channel);
  return subscribers ? subscribers->size() : 0;
}

}  // namespace platform::kv
