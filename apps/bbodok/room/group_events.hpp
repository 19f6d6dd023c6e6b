// The room caches' side of events::group_rooms_changed: when another feature (leaving a group, withdrawal)
// changes a group's rooms, the group's calendar is recomputed, wherever the change happened.
#pragma once

#include "apps/bbodok/common/async.hpp"
#include "platform/jobs/coalescer.hpp"
#include "platform/kv/pubsub.hpp"

namespace bbodok::room {

class calendar;

// Recomputes a group's calendar on `where`, keyed by the decimal group id; changes that arrive while one runs
// fold into one more recomputation (2,000 members withdrawing recompute each group about twice, not once each).
[[nodiscard]] platform::jobs::coalescer calendar_refreshes(calendar& rooms, const asio::any_io_executor& where);

// Keep the subscription for as long as `refreshes` lives. The handler only hands the group to `refreshes` (pub/sub
// handlers must not block); a payload that is not a group id is ignored.
[[nodiscard]] platform::kv::subscription refresh_on_group_changes(platform::kv::pubsub& bus,
                                                                  platform::jobs::coalescer& refreshes);

}  // namespace bbodok::room
