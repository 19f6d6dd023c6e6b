// The STOMP broker shared by every session of a process: relays pub/sub channels to subscribed connections.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/kv/pubsub.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/messaging/subscription.hpp"

namespace platform::stomp {

struct broker_options {
  // Destinations under these prefixes are the broker's (see rules.hpp, under_prefix).
  std::vector<std::string> prefixes{"/sub"};
  // Every MESSAGE's content-type: a channel carries only a body, and the apps publish JSON (as Spring's
  // Jackson converter announces it).
  std::string content_type = "application/json";
};

namespace detail {
struct subscriber;
class destination_channel;
}  // namespace detail

// The kv channel name IS the destination: the application publishes the body for "/sub/chat/room/5" on channel
// "/sub/chat/room/5" (from any instance, once pub/sub is Redis), and every local subscription of that destination
// gets it as a MESSAGE frame. One kv subscription per destination with local subscribers, made by the first and
// dropped with the last.
//
// Threading: subscribe and the tokens' destruction may run on any thread. The map of destinations is behind one
// mutex held only to add or remove an entry; a destination's subscriber list is copy-on-write and grouped by
// the subscribers' executors, so a delivery (on the publisher's thread, see kv::pubsub) takes a snapshot under
// that destination's own small lock and posts one task per I/O thread, which builds and queues its subscribers'
// frames with no lock held. The publisher never waits for a client. A subscriber sees a destination's messages
// in the order pub/sub delivers them (the order one thread published them in).
class broker {
 public:
  // Destroying it (or reset) ends the subscription; a delivery running on another thread may still send one
  // last frame, which the session drops or the client ignores (it unsubscribed).
  using subscription = messaging::subscription;

  broker(kv::pubsub& bus, broker_options options);
  ~broker();  // every subscription token must be gone first
  broker(const broker&) = delete;
  broker& operator=(const broker&) = delete;

  const broker_options& options() const { return options_; }

  // Delivers `destination`'s messages to `to`, each as MESSAGE with subscription:`subscription_id`. The broker
  // keeps `to` alive until the token is destroyed, so the session drops its tokens when its connection closes.
  subscription subscribe(const std::string& destination, std::shared_ptr<messaging::connection> to,
                         std::string_view subscription_id);

  // For health pages and tests.
  std::size_t destination_count() const;
  std::size_t subscriber_count(std::string_view destination) const;

 private:
  struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct destination_entry {
    std::shared_ptr<detail::destination_channel> channel;
    kv::subscription feed;
  };

  class subscription_state;
  void unsubscribe(const detail::subscriber& entry) noexcept;

  kv::pubsub& bus_;
  const broker_options options_;
  std::atomic<std::uint64_t> next_message_id_{0};
  // Threading: mutex_ guards destinations_ and the channels' subscriber lists' replacement; never held while a
  // delivery runs or while a kv subscription is cancelled (that waits for a running delivery).
  mutable std::mutex mutex_;
  std::unordered_map<std::string, destination_entry, string_hash, std::equal_to<>> destinations_;
};

}  // namespace platform::stomp
