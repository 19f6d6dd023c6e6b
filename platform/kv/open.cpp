// The backend switch between in-process and Redis.
#include "platform/kv/open.hpp"

#include <chrono>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "platform/kv/client_thread.hpp"
#include "platform/kv/in_process_cache.hpp"
#include "platform/kv/in_process_leaderboard.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/kv/near_cache.hpp"
#include "platform/kv/redis_cache.hpp"
#include "platform/kv/redis_leaderboard.hpp"
#include "platform/kv/redis_pubsub.hpp"
#include "platform/kv/redis_url.hpp"

namespace platform::kv {
namespace {

// How old an instance's copy of a shared cache entry may be when an announcement of a change went missing; the
// page cache's max_age, for the same trade.
constexpr std::chrono::milliseconds near_copy_max_age{1000};

}  // namespace

services::services(std::unique_ptr<client_thread> thread, std::unique_ptr<kv::pubsub> bus,
                   std::unique_ptr<kv::cache> store, std::unique_ptr<kv::leaderboard> boards)
    : thread_(std::move(thread)), pubsub_(std::move(bus)), cache_(std::move(store)), leaderboard_(std::move(boards)) {}

services::~services() {
  // The Redis backends close their connections on the client thread, which must still run meanwhile.
  leaderboard_.reset();
  cache_.reset();
  pubsub_.reset();
}

services::services(services&&) noexcept = default;

services open_kv(const std::string& url) {
  if (url.empty()) {
    return services(nullptr, std::make_unique<in_process_pubsub>(), std::make_unique<in_process_cache>(),
                    std::make_unique<in_process_leaderboard>());
  }
  const auto endpoint = parse_redis_url(url);
  auto thread = std::make_unique<client_thread>();
  auto bus = std::make_unique<redis_pubsub>(thread->executor(), endpoint);
  // Channels are global to a Redis server, so the announcements name the database the entries live in.
  auto store = std::make_unique<near_cache>(std::make_unique<redis_cache>(thread->executor(), endpoint), *bus,
                                            "kv-cache/" + std::to_string(endpoint.database), near_copy_max_age);
  auto boards = std::make_unique<redis_leaderboard>(thread->executor(), endpoint);
  spdlog::info("kv: pub/sub, cache and leaderboards on redis at {}:{} (database {})", endpoint.host, endpoint.port,
               endpoint.database);
  return services(std::move(thread), std::move(bus), std::move(store), std::move(boards));
}

}  // namespace platform::kv
