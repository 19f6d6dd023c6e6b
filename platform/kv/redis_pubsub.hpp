// Pub/sub across instances: Redis PUBLISH/SUBSCRIBE, dispatched locally like the in-process backend.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "platform/io/asio.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/kv/pubsub.hpp"
#include "platform/kv/redis_url.hpp"

namespace platform::kv {

namespace detail {
class redis_channels;
}

// One subscriber connection per process holds one Redis subscription per channel with local subscribers;
// messages from Redis are handed to an in_process_pubsub, so the guarantees of pubsub.hpp and the threading
// notes of in_process_pubsub.hpp hold unchanged (remote messages are delivered on the Redis client thread).
//
// A publish is delivered to this process's subscribers at once, on the publisher's thread, and sent to Redis
// for the other instances; each message carries this process's id so that its echo from Redis is not
// delivered twice. So "delivery starts with the next publish after subscribe returns" holds within the
// process; another instance's messages reach a new subscription once Redis has confirmed it (a round trip).
//
// Outage: publishes still reach local subscribers, the Redis copy is dropped (the connection logs the
// outage once); after a reconnect every channel with local subscribers is subscribed again. Messages
// published elsewhere during the outage are lost, as with Redis pub/sub itself.
class redis_pubsub final : public pubsub {
 public:
  redis_pubsub(const asio::any_io_executor& executor, const redis_endpoint& endpoint);
  ~redis_pubsub() override;
  redis_pubsub(const redis_pubsub&) = delete;
  redis_pubsub& operator=(const redis_pubsub&) = delete;
  redis_pubsub(redis_pubsub&&) = delete;
  redis_pubsub& operator=(redis_pubsub&&) = delete;

  [[nodiscard]] subscription subscribe(std::string channel, handler on_message) override;
  void publish(std::string_view channel, std::shared_ptr<const std::string> payload) override;

  // For tests: whether the subscriber connection is up.
  [[nodiscard]] bool connected() const;

 private:
  std::shared_ptr<in_process_pubsub> local_;
  std::shared_ptr<detail::redis_channels> channels_;
};

}  // namespace platform::kv
