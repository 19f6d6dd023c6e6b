// The broker: destination map, one kv feed per destination, copy-on-write subscriber lists, fan-out.
#include "platform/stomp/broker.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include <boost/asio/post.hpp>

#include "platform/stomp/server_frames.hpp"

namespace platform::stomp {

namespace detail {

struct subscriber {
  std::string destination;
  std::shared_ptr<messaging::connection> to;
  std::string head;  // message_head(subscription id)
};

// A destination's subscribers grouped by the executor (I/O thread) their connection runs on, so that a publish
// costs one post per I/O thread rather than one per subscriber, and each thread builds its own subscribers'
// frames in parallel with the others.
struct executor_group {
  asio::any_io_executor executor;
  std::vector<std::shared_ptr<const subscriber>> members;
};

class destination_channel {
 public:
  using group_list = std::vector<std::shared_ptr<const executor_group>>;

  destination_channel(std::string destination, const broker_options& options, std::atomic<std::uint64_t>& ids)
      : destination_(std::move(destination)), options_(options), next_message_id_(ids) {}

  // The kv handler: on the publisher's thread, never concurrently with itself (kv::pubsub's guarantee). Posts
  // from one thread to one executor run in order, so each subscriber sees the destination's order.
  void deliver(const std::shared_ptr<const std::string>& body) const {
    const auto groups = snapshot();
    if (!groups || groups->empty()) return;
    const auto id = next_message_id_.fetch_add(1, std::memory_order_relaxed);
    auto tail = std::make_shared<const message_tail>(destination_, id, options_.content_type, *body);
    for (const auto& group : *groups) {
      asio::post(group->executor, [group, tail] {
        // On the members' own executor, where connection::send queues at once.
        for (const auto& member : group->members)
          member->to->send(messaging::make_payload(tail->frame_for(member->head)));
      });
    }
  }

  // add and remove are called under the broker's mutex, which orders them; mutex_ only orders them against
  // snapshot(). Each installs a new list, so a delivery keeps walking the one it took.
  void add(std::shared_ptr<const subscriber> entry) {
    const auto current = snapshot();
    auto next = current ? std::make_shared<group_list>(*current) : std::make_shared<group_list>();
    const auto& executor = entry->to->executor();
    const auto same = std::ranges::find_if(*next, [&](const auto& group) { return group->executor == executor; });
    auto grown = std::make_shared<executor_group>(executor_group{executor, {}});
    if (same != next->end()) grown->members = (*same)->members;
    grown->members.push_back(std::move(entry));
    if (same != next->end()) {
      *same = std::move(grown);
    } else {
      next->push_back(std::move(grown));
    }
    install(std::move(next));
  }

  // Returns the number of subscribers left.
  std::size_t remove(const subscriber& entry) {
    const auto current = snapshot();
    auto next = std::make_shared<group_list>();
    std::size_t left = 0;
    for (const auto& group : *current) {  // entry is a member, so there is a list
      auto shrunk = std::make_shared<executor_group>(executor_group{group->executor, {}});
      shrunk->members.reserve(group->members.size());
      std::ranges::copy_if(group->members, std::back_inserter(shrunk->members),
                           [&](const auto& candidate) { return candidate.get() != &entry; });
      left += shrunk->members.size();
      if (!shrunk->members.empty()) next->push_back(std::move(shrunk));
    }
    install(std::move(next));
    return left;
  }

  std::size_t size() const {
    const auto current = snapshot();
    std::size_t total = 0;
    if (current) {
      for (const auto& group : *current) total += group->members.size();
    }
    return total;
  }

 private:
  std::shared_ptr<const group_list> snapshot() const {
    const std::lock_guard lock(mutex_);
    return subscribers_;
  }
  void install(std::shared_ptr<const group_list> next) {
    std::shared_ptr<const group_list> previous;  // released after the lock: it may hold the last connection
    const std::lock_guard lock(mutex_);
    previous = std::exchange(subscribers_, std::move(next));
  }

  const std::string destination_;
  const broker_options& options_;
  std::atomic<std::uint64_t>& next_message_id_;
  // Threading: mutex_ guards the pointer only; the lists and groups are immutable once installed.
  mutable std::mutex mutex_;
  std::shared_ptr<const group_list> subscribers_;
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
