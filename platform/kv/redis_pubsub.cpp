// Redis pub/sub: a channel count per process decides SUBSCRIBE/UNSUBSCRIBE; messages fan out locally.
#include "platform/kv/redis_pubsub.hpp"

#include <cstdio>
#include <mutex>
#include <random>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "platform/kv/redis_connection.hpp"

namespace platform::kv {
namespace detail {
namespace {

constexpr std::size_t origin_length = 16;

// 16 hex digits that tell this process's messages from other instances' when Redis echoes them back.
std::string random_origin() {
  std::random_device entropy;
  const std::uint64_t value = (std::uint64_t{entropy()} << 32U) ^ entropy();
  std::string text(origin_length + 1, '\0');
  std::snprintf(text.data(), text.size(), "%016llx", static_cast<unsigned long long>(value));
  text.resize(origin_length);
  return text;
}

}  // namespace

// The Redis side, shared by the pubsub and (weakly) by its subscriptions, which may outlive it.
class redis_channels : public std::enable_shared_from_this<redis_channels> {
 public:
  redis_channels(std::weak_ptr<in_process_pubsub> local, const asio::any_io_executor& executor,
                 const redis_endpoint& endpoint)
      : origin_(random_origin()), local_(std::move(local)) {
    // Pub/sub ignores the database; selecting it anyway keeps every connection alike.
    publisher_ = redis_connection::open(executor, endpoint, redis_connection::named("redis publish", endpoint));
    auto settings = redis_connection::named("redis subscribe", endpoint);
    settings.on_push = [this](redis_reply&& reply) { deliver(std::move(reply)); };
    settings.on_connected = [this] { resubscribe(); };
    subscriber_ = redis_connection::open(executor, endpoint, std::move(settings));
  }

  redis_channels(const redis_channels&) = delete;
  redis_channels& operator=(const redis_channels&) = delete;

  void close() {
    subscriber_->close();
    publisher_->close();
  }

  void hold(const std::string& channel) {
    const std::lock_guard lock(mutex_);
    // Sent under the lock so that SUBSCRIBE and UNSUBSCRIBE of one channel reach the strand in count order.
    if (counts_[channel]++ == 0) subscriber_->send({"SUBSCRIBE", channel});
  }

  void release(const std::string& channel) noexcept {
    const std::lock_guard lock(mutex_);
    const auto found = counts_.find(channel);
    if (found == counts_.end() || --found->second > 0) return;
    counts_.erase(found);
    subscriber_->send({"UNSUBSCRIBE", channel});
  }

  void publish(std::string_view channel, const std::string& payload) {
    std::string framed;
    framed.reserve(origin_length + payload.size());
    framed.append(origin_).append(payload);
    publisher_->send({"PUBLISH", std::string(channel), std::move(framed)});
  }

  [[nodiscard]] bool connected() const { return subscriber_->connected(); }

 private:
  // On the client thread, after a (re)connect: one SUBSCRIBE for every channel with local subscribers.
  void resubscribe() {
    redis_command command{"SUBSCRIBE"};
    {
      const std::lock_guard lock(mutex_);
      for (const auto& [channel, count] : counts_) command.push_back(channel);
    }
    if (command.size() > 1) subscriber_->send(std::move(command));
  }

  // ["message", channel, origin + payload]; confirmations of (un)subscribes are skipped.
  void deliver(redis_reply&& reply) {
    if (reply.type != redis_reply::kind::array || reply.elements.size() != 3) return;
    if (reply.elements[0].text != "message") return;
    std::string& framed = reply.elements[2].text;
    if (framed.size() < origin_length || framed.compare(0, origin_length, origin_) == 0) return;
    const auto local = local_.lock();
    if (!local) return;
    framed.erase(0, origin_length);
    local->publish(reply.elements[1].text, std::make_shared<const std::string>(std::move(framed)));
  }

  const std::string origin_;
  const std::weak_ptr<in_process_pubsub> local_;
  std::shared_ptr<redis_connection> publisher_;
  std::shared_ptr<redis_connection> subscriber_;
  // Local subscribers per channel; mutex_ also orders the SUBSCRIBE/UNSUBSCRIBE sends.
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> counts_;
};

// A local subscription plus its share of the channel's Redis subscription.
class redis_subscription final : public subscription::state {
 public:
  redis_subscription(subscription local, std::weak_ptr<redis_channels> channels, std::string channel)
      : local_(std::move(local)), channels_(std::move(channels)), channel_(std::move(channel)) {}

  void cancel() noexcept override {
    if (!local_) return;
    local_.reset();  // keeps the guarantees of pubsub.hpp: no call of the handler runs after this
    if (const auto channels = channels_.lock()) channels->release(channel_);
  }

 private:
  subscription local_;
  const std::weak_ptr<redis_channels> channels_;
  const std::string channel_;
};

}  // namespace detail

redis_pubsub::redis_pubsub(const asio::any_io_executor& executor, const redis_endpoint& endpoint)
    : local_(std::make_shared<in_process_pubsub>()),
      channels_(std::make_shared<detail::redis_channels>(local_, executor, endpoint)) {}

redis_pubsub::~redis_pubsub() { channels_->close(); }

subscription redis_pubsub::subscribe(std::string channel, handler on_message) {
  auto local = local_->subscribe(channel, std::move(on_message));
  channels_->hold(channel);
  return subscription(std::make_shared<detail::redis_subscription>(std::move(local), channels_, std::move(channel)));
}

void redis_pubsub::publish(std::string_view channel, std::shared_ptr<const std::string> payload) {
  if (!payload) throw std::invalid_argument("pubsub::publish: null payload");
  local_->publish(channel, payload);
  channels_->publish(channel, *payload);
}

bool redis_pubsub::connected() const { return channels_->connected(); }

}  // namespace platform::kv
