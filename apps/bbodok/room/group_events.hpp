// The room caches' side of events::group_rooms_changed: when another feature (leaving a group, withdrawal)
// changes a group's rooms, the group's calendar is recomputed, wherever the change happened.
#pragma once

#include "apps/bbodok/common/async.hpp"
#include "platform/cache/coalescer.hpp"
#include "platform/kv/pubsub.hpp"

namespace bbodok::room {

class calendar;

// Recomputes a group's calendar, keyed by the decimal group id; changes that arrive while one runs fold into one
// more recomputation (2,000 members withdrawing recompute each group about twice, not once each).
[[nodiscard]] platform::cache::coalescer calendar_refreshes(calendar& rooms);

// Keep the subscription for as long as `refreshes` lives. The handler only hands the group to `refreshes`, whose
// runs go on `where` (pub/sub handlers must not block); a payload that is not a group id is ignored.
[[nodiscard]] platform::kv::subscription refresh_on_group_changes(platform::kv::pubsub& bus,
                                                                  platform::cache::coalescer& refreshes,
                                                                  const asio::any_io_executor& where);

}  // namespace bbodok::room
