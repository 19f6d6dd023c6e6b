// What the room feature tells the rest of the app after a change has been committed; app.cpp wires these to
// the caches and to the ranking, so this feature depends on neither.
#pragma once

#include <cstdint>
#include <functional>

#include "apps/bbodok/common/async.hpp"

namespace bbodok::room {

struct listeners {
  // A group's rooms or their reservations changed (the group calendar cache recomputes).
  std::function<asio::awaitable<void>(std::int64_t group_id)> rooms_changed;
  // A member's reservations or study time changed (their study history cache recomputes).
  std::function<asio::awaitable<void>(std::int64_t member_id)> reservations_changed;
  // An exit earned study time in a group: the ranking adds it. Optional (empty: nobody listens).
  std::function<asio::awaitable<void>(std::int64_t group_id, std::int64_t member_id, std::int64_t micros)> studied;
  // A reservation scheduled a web push due at `at`: the sender wakes for it. Optional.
  std::function<void(std::int64_t at)> push_scheduled;
};

}  // namespace bbodok::room
