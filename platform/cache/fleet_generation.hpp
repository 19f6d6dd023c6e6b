// The page cache's generation for a fleet: this process's database writes plus the writes the other instances
// announce over kv pub/sub, so a write through any instance makes every instance's cached pages stale.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "platform/cache/page_cache.hpp"
#include "platform/kv/pubsub.hpp"

namespace platform::cache {

// Each instance publishes its random id on `channel` after each of its writes; each counts the announcements of
// the others. The value (own writes + others' announcements) moves whenever any instance wrote, which is what a
// page_cache generation must do. On in-process pub/sub (one instance) the announcements only reach this
// instance, which ignores its own. While Redis is down announcements are lost; the page cache's max_age bounds
// how stale a page can be then.
//
// Threading: wrote() and value() from any thread; the handler only increments an atomic.
class fleet_generation {
 public:
  // local: this process's write generation (`[&db] { return db.write_generation(); }`).
  fleet_generation(kv::pubsub& bus, std::string channel, generation_source local);
  fleet_generation(const fleet_generation&) = delete;
  fleet_generation& operator=(const fleet_generation&) = delete;

  // Call after every write of this process has ended (sql::database::on_write): tells the other instances.
  void wrote();
  // This process's writes plus the other instances' announced ones.
  std::uint64_t value() const;

 private:
  kv::pubsub& bus_;
  const std::string channel_;
  const generation_source local_;
  const std::shared_ptr<const std::string> id_;  // this process's announcement, and how it knows its own
  std::atomic<std::uint64_t> others_{0};
  kv::subscription feed_;  // last: unsubscribed first, while the counter it increments still exists
};

}  // namespace platform::cache
