// Choosing the kv backends by configuration: in-process by default, Redis when kv.url names one.
#pragma once

#include <memory>
#include <string>

#include "platform/kv/cache.hpp"
#include "platform/kv/leaderboard.hpp"
#include "platform/kv/pubsub.hpp"

namespace platform::kv {

class client_thread;

// The three services an app uses, and what runs them. Destroy it after the server has stopped (it closes the
// Redis connections and joins their thread).
class services {
 public:
  services(std::unique_ptr<client_thread> thread, std::unique_ptr<kv::pubsub> bus, std::unique_ptr<kv::cache> store,
           std::unique_ptr<kv::leaderboard> boards);
  ~services();
  services(services&&) noexcept;
  services& operator=(services&&) = delete;
  services(const services&) = delete;
  services& operator=(const services&) = delete;

  kv::pubsub& pubsub() { return *pubsub_; }
  kv::cache& cache() { return *cache_; }
  kv::leaderboard& leaderboard() { return *leaderboard_; }

 private:
  // Declared first: destroyed last, after the connections living on it have closed.
  std::unique_ptr<client_thread> thread_;
  std::unique_ptr<kv::pubsub> pubsub_;
  std::unique_ptr<kv::cache> cache_;
  std::unique_ptr<kv::leaderboard> leaderboard_;
};

// url empty: the in-process backends (one instance). "redis://host:port[/db]": Redis (see redis_pubsub.hpp,
// redis_cache.hpp and redis_leaderboard.hpp for how each degrades while Redis is down), the cache read through a
// near copy in the instance (near_cache.hpp); the connections start
// in the background, so this returns at once even when Redis is not up yet. Throws std::invalid_argument for
// another URL.
services open_kv(const std::string& url);

}  // namespace platform::kv
