// Counting the other instances' write announcements.
#include "platform/cache/fleet_generation.hpp"

#include <random>
#include <utility>

#include <fmt/format.h>

namespace platform::cache {
namespace {

std::string random_id() {
  std::random_device random;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", random(), random(), random(), random());
}

}  // namespace

fleet_generation::fleet_generation(kv::pubsub& bus, std::string channel, generation_source local)
    : bus_(bus),
      channel_(std::move(channel)),
      local_(std::move(local)),
      id_(std::make_shared<const std::string>(random_id())),
      feed_(bus_.subscribe(channel_, [this](std::string_view, const std::shared_ptr<const std::string>& from) {
        if (*from != *id_) others_.fetch_add(1, std::memory_order_acq_rel);
      })) {}

void fleet_generation::wrote() { bus_.publish(channel_, id_); }

std::uint64_t fleet_generation::value() const { return local_() + others_.load(std::memory_order_acquire); }

}  // namespace platform::cache
