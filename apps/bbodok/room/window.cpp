// Which windows the room and history caches keep.
#include "apps/bbodok/room/dto.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::room {

bool cacheable(window w, std::int64_t max_days) {
  const auto at_midnight = [](std::int64_t t) {
    return platform::time::seoul_midnight(platform::time::seoul_day(t)) == t;
  };
  return at_midnight(w.from) && at_midnight(w.to) && w.to - w.from <= max_days * platform::time::micros_per_day;
}

}  // namespace bbodok::room
