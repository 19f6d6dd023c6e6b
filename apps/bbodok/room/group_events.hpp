// The room caches' side of events::group_rooms_changed: when another feature (leaving a group, withdrawal)
// changes a group's rooms, the group's calendar is recomputed, wherever the change happened.
#pragma once

#include "apps/bbodok/common/async.hpp"
#include "platform/kv/pubsub.hpp"

namespace bbodok::room {

class calendar;

// Keep the subscription for as long as the calendar lives. Recomputations run on `where` (the handler only
// posts them there: pub/sub handlers must not block); a payload that is not a group id is ignored.
[[nodiscard]] platform::kv::subscription refresh_on_group_changes(platform::kv::pubsub& bus, calendar& rooms,
                                                                  const asio::any_io_executor& where);

}  // namespace bbodok::room
