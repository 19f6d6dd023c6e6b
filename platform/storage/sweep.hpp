// Reconciling a store with the rows that name its objects: removes what no row references and what
// interrupted writes left behind.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_set>

#include "platform/storage/object_store.hpp"

namespace platform::storage {

struct sweep_settings {
  std::chrono::seconds grace{3600};     // an object younger than this is never removed (uploads in flight)
  std::chrono::seconds interval{3600};  // between runs; zero: only the run at start
  std::size_t max_removals = 1000;      // per run, so one run never stalls the pool for long
};

struct sweep_counts {
  std::size_t scanned = 0;            // objects listed
  std::size_t removed = 0;            // unreferenced objects removed
  std::size_t kept_referenced = 0;    // named by a row
  std::size_t kept_young = 0;         // unreferenced but modified at or after the cutoff
  std::size_t abandoned_removed = 0;  // temp files of interrupted writes removed
  bool stopped_at_bound = false;      // max_removals reached with candidates left for the next run
};

// Blocking (runs on the blocking pool). Removes abandoned writes begun before `cutoff`, then every object
// last modified before `cutoff` whose key is not in `referenced`, at most `max_removals` removals in all.
// The caller takes `cutoff` (now minus a grace period) *before* reading `referenced`: an upload stores its
// object before committing the row that names it, so an object younger than the grace may be one whose row
// is still on its way; the grace must exceed the longest upload-to-commit time.
sweep_counts sweep_store(object_store& store, const std::unordered_set<std::string>& referenced,
                         std::chrono::system_clock::time_point cutoff, std::size_t max_removals,
                         std::size_t page_size = 1000);

}  // namespace platform::storage
