// Values computed from the database, kept in a kv::cache under the exact key they were asked for and
// recomputed (not merely dropped) when what they were computed from changes, so no request after a change
// finds them cold.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "platform/cache/coalescer.hpp"
#include "platform/cache/single_flight.hpp"
#include "platform/io/asio.hpp"
#include "platform/kv/cache.hpp"

namespace platform::cache {

// What a computation produced: the value and the tags of what it read (a group, a member), under which a
// change will find it.
struct computed {
  std::string value;
  std::vector<std::string> tags;
};

// The key is the whole question (an app encodes its parameters in it, "rooms:7:<from>:<to>"), and compute
// answers it from the key alone, so a change can recompute every entry it affects.
//
// Version guard: every change() takes a new version from the store and marks its tags with it; a computation
// takes the store's current version before it starts and stores its value with that version. The store keeps
// the newest version, and a computation whose tags changed while it ran computes again, so a slow miss that
// read the data before a change can neither overwrite the recomputed value nor survive as the entry the
// change's refresh missed. Versions and marks live in the store, not in this object: on Redis every instance's
// caches of one kind share them, so a change on one instance recomputes the shared entries with a version the
// others' computations compare with (docs/architecture.md, Fleet).
//
// Threading: any call from any thread, concurrently; this object's own state is the computations in flight.
class refreshing_cache {
 public:
  using compute_fn = std::function<asio::awaitable<computed>(std::string key)>;

  // ttl bounds how long a window nobody asks for again stays stored; an entry is recomputed on every change.
  refreshing_cache(kv::cache& store, compute_fn compute, std::chrono::milliseconds ttl);

  // The stored value, or one computed now and stored; concurrent misses of one key share that computation.
  // Throws what compute throws.
  asio::awaitable<std::string> get(std::string key);
  // Computes and stores (warm-up before anyone asks).
  asio::awaitable<void> warm(std::string key);
  // Call after a change to what `tag` names has been committed: returns once every stored entry that carries it
  // has been recomputed by a run that began after the call. Concurrent changes of one tag share such runs (40
  // members leaving a group at once recompute its ranking about twice, not 40 times). A recomputation that fails
  // drops its entry (the next get computes it) and is logged, never thrown: the change itself is done.
  asio::awaitable<void> change(std::string tag);

 private:
  asio::awaitable<std::string> compute_and_store(std::string key);
  asio::awaitable<void> recompute_tagged(std::string tag);

  kv::cache& store_;
  const compute_fn compute_;
  const std::chrono::milliseconds ttl_;
  single_flight misses_;
  coalescer recomputations_;
};

}  // namespace platform::cache
