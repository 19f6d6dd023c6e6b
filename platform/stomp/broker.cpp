// The broker: destination map, one kv feed per destination, each fanned out to its subscribers.
#include "platform/stomp/broker.hpp"

#include <utility>

#include "platform/messaging/fanout.hpp"
#include "platform/obs/platform_metrics.hpp"
#include "platform/stomp/server_frames.hpp"

namespace platform::stomp {

namespace detail {

struct subscriber {
  std::string destination;
  std::shared_ptr<messaging::connection> to;
  std::string head;  // message_head(subscription id)
};

// One destination: its subscribers, fanned out per I/O thread, and the numbering of its MESSAGE frames.
class destination_channel {
 public:
  destination_channel(std::string destination, const broker_options& options, std::atomic<std::uint64_t>& ids)
      : destination_(std::move(destination)), options_(options), next_message_id_(ids) {}

  // The kv handler: on the publisher's thread, never concurrently with itself (kv::pubsub's guarantee), so each
  // subscriber sees the destination's order. The frame's tail is built once and shared by every subscriber.
  void deliver(const std::shared_ptr<const std::string>& body) const {
    if (subscribers_.empty()) return;
    const auto id = next_message_id_.fetch_add(1, std::memory_order_relaxed);
    auto tail = std::make_shared<const message_tail>(destination_, id, options_.content_type, *body);
    subscribers_.broadcast([tail](const subscriber& member) {
      member.to->send(messaging::make_payload(tail->frame_for(member.head)));
      obs::metrics().stomp_messages_delivered.inc();
    });
  }

  // Called under the broker's mutex, which orders them.
  void add(std::shared_ptr<const subscriber> entry) { subscribers_.add(std::move(entry)); }
  // Returns the number of subscribers left.
  std::size_t remove(const subscriber& entry) { return subscribers_.remove(entry); }
  std::size_t size() const { return subscribers_.size(); }

 private:
  const std::string destination_;
  const broker_options& options_;
  std::atomic<std::uint64_t>& next_message_id_;
  messaging::fanout<subscriber> subscribers_;
};

}  // namespace detail

broker::broker(kv::pubsub& bus, broker_options options) : bus_(bus), options_(std::move(options)) {}

broker::~broker() = default;

// What a subscription handle holds: the broker and the entry to remove, once.
class broker::subscription_state final : public messaging::subscription::state {
 public:
  subscription_state(broker* owner, std::shared_ptr<const detail::subscriber> entry) noexcept
      : owner_(owner), entry_(std::move(entry)) {}

  void cancel() noexcept override {
    if (auto entry = std::exchange(entry_, nullptr)) owner_->unsubscribe(*entry);
  }

 private:
  broker* owner_;
  std::shared_ptr<const detail::subscriber> entry_;
};

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
    auto feed = bus_.subscribe(
        destination,
        [channel](std::string_view, const std::shared_ptr<const std::string>& body) { channel->deliver(body); });
    it = destinations_.emplace(destination, destination_entry{std::move(channel), std::move(feed)}).first;
  }
  it->second.channel->add(entry);
  return subscription(std::make_shared<subscription_state>(this, std::move(entry)));
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

}  // namespace platform::stomp
