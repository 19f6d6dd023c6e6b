// The broker: destination map, one kv feed per destination, copy-on-write subscriber lists, fan-out.
#include "platform/stomp/broker.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "platform/stomp/server_frames.hpp"

namespace platform::stomp {

namespace detail {

struct subscriber {
  std::string destination;
  std::shared_ptr<messaging::connection> to;
  std::string head;  // message_head(subscription id)
};

class destination_channel {
 public:
  using subscriber_list = std::vector<std::shared_ptr<const subscriber>>;

  destination_channel(std::string destination, const broker_options& options, std::atomic<std::uint64_t>& ids)
      : destination_(std::move(destination)), options_(options), next_message_id_(ids) {}

  // The kv handler: on the publisher's thread, never concurrently with itself (kv::pubsub's guarantee).
  void deliver(const std::shared_ptr<const std::string>& body) const {
    const auto targets = snapshot();
    if (!targets || targets->empty()) return;
    const auto id = next_message_id_.fetch_add(1, std::memory_order_relaxed);
    const message_tail tail(destination_, id, options_.content_type, *body);
    for (const auto& target : *targets) target->to->send(messaging::make_payload(tail.frame_for(target->head)));
  }

  // add and remove are called under the broker's mutex, which orders them; mutex_ only orders them against
  // snapshot(). Each installs a new list, so a delivery keeps walking the one it took.
  void add(std::shared_ptr<const subscriber> entry) {
    const auto current = snapshot();
    auto next = current ? std::make_shared<subscriber_list>(*current) : std::make_shared<subscriber_list>();
    next->push_back(std::move(entry));
    install(std::move(next));
  }

  // Returns the number of subscribers left.
  std::size_t remove(const subscriber& entry) {
    const auto current = snapshot();
    auto next = std::make_shared<subscriber_list>();
    if (current) {
      next->reserve(current->size());
      std::ranges::copy_if(*current, std::back_inserter(*next),
                           [&](const auto& candidate) { return candidate.get() != &entry; });
    }
    const std::size_t left = next->size();
    install(std::move(next));
    return left;
  }

  std::size_t size() const {
    const auto current = snapshot();
    return current ? current->size() : 0;
  }

 private:
  std::shared_ptr<const subscriber_list> snapshot() const {
    const std::lock_guard lock(mutex_);
    return subscribers_;
  }
  void install(std::shared_ptr<const subscriber_list> next) {
    std::shared_ptr<const subscriber_list> previous;  // released after the lock: it may hold the last connection
    const std::lock_guard lock(mutex_);
    previous = std::exchange(subscribers_, std::move(next));
  }

  const std::string destination_;
  const broker_options& options_;
  std::atomic<std::uint64_t>& next_message_id_;
  // Threading: mutex_ guards the pointer only; the lists are immutable once installed.
  mutable std::mutex mutex_;
  std::shared_ptr<const subscriber_list> subscribers_;
};

}  // namespace detail

broker::broker(kv::pubsub& bus, broker_options options) : bus_(bus), options_(std::move(options)) {}

broker::~broker() = default;

broker::subscription broker::subscribe(const std::string& destination, std::shared_ptr<messaging::connection> to,
                                       std::string_view subscription_id) {
  auto entry = std::make_shared<const detail::subscriber>(
      detail::subscriber{destination, std::move(to), message_head(subscription_id)});
  const std::lock_guard lock(mutex_);
  auto it = destinations_.find(destination);
  if (it == destinations_.end()) {
    auto channel = std::make_shared<detail::destination_channel>(destination, options_, next_message_id_);
    // The first local subscriber: start the feed. Subscribing to kv under mutex_ is safe because deliveries
    // never take mutex_.
    auto feed = bus_.subscribe(destination, [channel](std::string_view, const std::shared_ptr<const std::string>& body) {
      channel->deliver(body);
    });
    it = destinations_.emplace(destination, destination_entry{std::move(channel), std::move(feed)}).first;
  }
  it->second.channel->add(entry);
  return subscription(this, std::move(entry));
}

void broker::unsubscribe(const detail::subscriber& entry) noexcept {
  kv::subscription ended_feed;  // cancelled after the lock is released: it waits for a running delivery
  {
    const std::lock_guard lock(mutex_);
    const auto it = destinations_.find(entry.destination);
    if (it == destinations_.end()) return;
    if (it->second.channel->remove(entry) == 0) {
      ended_feed = std::move(it->second.feed);
      destinations_.erase(it);  // destinations come and go with rooms: keep none without subscribers
    }
  }
}

std::size_t broker::destination_count() const {
  const std::lock_guard lock(mutex_);
  return destinations_.size();
}

std::size_t broker::subscriber_count(std::string_view destination) const {
  const std::lock_guard lock(mutex_);
  const auto it = destinations_.find(destination);
  return it == destinations_.end() ? 0 : it->second.channel->size();
}

broker::subscription::subscription(broker* owner, std::shared_ptr<const detail::subscriber> entry) noexcept
    : owner_(owner), entry_(std::move(entry)) {}

broker::subscription::~subscription() { reset(); }

broker::subscription::subscription(subscription&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), entry_(std::move(other.entry_)) {}

broker::subscription& broker::subscription::operator=(subscription&& other) noexcept {
  if (this != &other) {
    reset();
    owner_ = std::exchange(other.owner_, nullptr);
    entry_ = std::move(other.entry_);
  }
  return *this;
}

void broker::subscription::reset() noexcept {
  if (owner_ && entry_) owner_->unsubscribe(*entry_);
  owner_ = nullptr;
  entry_.reset();
}

}  // namespace platform::stomp
