// Computing under the store's current version, storing with it, and computing again when a change overtook it.
#include "platform/cache/refreshing_cache.hpp"

#include <exception>
#include <utility>

#include <spdlog/spdlog.h>

namespace platform::cache {
namespace {

// A computation overtaken this many times in a row by changes to what it read gives up storing (the entry is
// dropped, and the next get computes it): it still answers its caller with what it computed last.
constexpr int max_attempts = 4;

}  // namespace

refreshing_cache::refreshing_cache(kv::cache& store, compute_fn compute, std::chrono::milliseconds ttl)
    : store_(store),
      compute_(std::move(compute)),
      ttl_(ttl),
      misses_("cache computation"),
      recomputations_([this](std::string tag) { return recompute_tagged(std::move(tag)); }, "cache recomputation") {}

asio::awaitable<std::string> refreshing_cache::compute_and_store(std::string key) {
  for (int attempt = 1;; ++attempt) {
    const std::uint64_t started = co_await store_.current_version();
    computed fresh = co_await compute_(key);
    co_await store_.put(key, fresh.value, ttl_, fresh.tags, started);
    // A change after `started` either saw this entry (its refresh stores a newer version) or ran before the
    // put and missed it: only computing again is sure to leave the current value behind.
    const std::uint64_t changed = co_await store_.last_changed(fresh.tags);
    if (changed <= started) co_return std::move(fresh.value);
    if (attempt == max_attempts) {
      co_await store_.erase(key);
      co_return std::move(fresh.value);
    }
  }
}

asio::awaitable<std::string> refreshing_cache::get(std::string key) {
  if (auto hit = co_await store_.get(key)) co_return std::move(*hit);
  // Named first: GCC 12 mis-destroys a lambda converted to a std::function argument inside a co_await.
  single_flight::compute_fn compute = [this, key] { return compute_and_store(key); };
  co_return co_await misses_.run(key, std::move(compute));
}

asio::awaitable<void> refreshing_cache::warm(std::string key) { co_await compute_and_store(std::move(key)); }

asio::awaitable<void> refreshing_cache::change(std::string tag) {
  co_await store_.mark_changed(tag);  // at once: computations in flight that read before it compute again
  co_await recomputations_.after(std::move(tag));
}

asio::awaitable<void> refreshing_cache::recompute_tagged(std::string tag) {
  for (auto& key : co_await store_.tagged(tag)) {
    bool failed = false;
    try {
      co_await compute_and_store(key);
    } catch (const std::exception& e) {
      spdlog::warn("cache: recomputing {} failed ({}); dropped", key, e.what());
      failed = true;
    }
    if (failed) co_await store_.erase(key);  // a co_await cannot sit in a handler
  }
}

}  // namespace platform::cache
