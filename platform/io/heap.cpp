// glibc's mallopt knobs; setting either also stops glibc's own adjustment of both, so both are set.
#include "platform/io/heap.hpp"

#include <malloc.h>

namespace platform::io {
namespace {

constexpr int retained_bytes = 32 << 20;     // free memory at the heap's top kept before trimming
constexpr int mapped_above_bytes = 4 << 20;  // blocks this large still get their own mapping

}  // namespace

void keep_freed_heap() {
  // Called once at start, before the I/O threads run.
  mallopt(M_TRIM_THRESHOLD, retained_bytes);      // NOLINT(concurrency-mt-unsafe)
  mallopt(M_MMAP_THRESHOLD, mapped_above_bytes);  // NOLINT(concurrency-mt-unsafe)
}

}  // namespace platform::io
