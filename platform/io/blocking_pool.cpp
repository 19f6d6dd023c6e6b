// Thread pool for blocking work with a cap on queued jobs.
#include "platform/io/blocking_pool.hpp"

#include "platform/obs/platform_metrics.hpp"

namespace platform::io {

blocking_pool::blocking_pool(std::size_t threads, std::size_t max_pending)
    : pool_(threads), max_pending_(max_pending) {}

blocking_pool::~blocking_pool() { pool_.join(); }

void blocking_pool::stop() { pool_.stop(); }

void blocking_pool::join() { pool_.join(); }

blocking_pool::admission::admission(blocking_pool& pool) : pool_(&pool) {
  if (pool_->pending_.fetch_add(1, std::memory_order_relaxed) >= pool_->max_pending_) {
    pool_->pending_.fetch_sub(1, std::memory_order_relaxed);
    obs::metrics().blocking_rejected.inc();
    throw pool_saturated{};
  }
  obs::metrics().blocking_jobs.inc();
}

blocking_pool::admission::~admission() {
  if (pool_ == nullptr) return;  // moved from
  pool_->pending_.fetch_sub(1, std::memory_order_relaxed);
  obs::metrics().blocking_jobs.dec();
}

}  // namespace platform::io
