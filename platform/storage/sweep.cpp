// Listing a store page by page and removing what no row references.
#include "platform/storage/sweep.hpp"

#include <string_view>

namespace platform::storage {

sweep_counts sweep_store(object_store& store, const std::unordered_set<std::string>& referenced,
                         std::chrono::system_clock::time_point cutoff, std::size_t max_removals,
                         std::size_t page_size) {
  sweep_counts counts;
  counts.abandoned_removed = store.remove_abandoned_writes(cutoff, max_removals);
  std::size_t budget = max_removals - counts.abandoned_removed;
  std::string after;
  for (;;) {
    const object_page page = store.list(after, page_size);
    for (const auto& object : page.objects) {
      ++counts.scanned;
      if (referenced.contains(object.key)) {
        ++counts.kept_referenced;
      } else if (object.last_modified >= cutoff) {
        ++counts.kept_young;
      } else if (budget == 0) {
        counts.stopped_at_bound = true;
        return counts;
      } else {
        store.remove(object.key);
        ++counts.removed;
        --budget;
      }
    }
    if (!page.truncated || page.objects.empty()) {
      return counts;
    }
    after = page.objects.back().key;
  }
}

}  // namespace platform::storage
