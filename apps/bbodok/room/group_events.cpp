// Reading the event's decimal group id and spawning the recomputation.
#include "apps/bbodok/room/group_events.hpp"

#include <charconv>
#include <optional>
#include <string>

#include "apps/bbodok/common/events.hpp"
#include "apps/bbodok/room/calendar.hpp"
#include "platform/io/spawn.hpp"

namespace bbodok::room {
namespace {

std::optional<std::int64_t> group_in(std::string_view payload) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(payload.data(), payload.data() + payload.size(), id);
  if (error != std::errc{} || end != payload.data() + payload.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

platform::kv::subscription refresh_on_group_changes(platform::kv::pubsub& bus, calendar& rooms,
                                                    const asio::any_io_executor& where) {
  return bus.subscribe(std::string(events::group_rooms_changed),
                       [&rooms, where](std::string_view, const std::shared_ptr<const std::string>& payload) {
                         const auto group_id = group_in(*payload);
                         if (!group_id) return;
                         asio::co_spawn(where, rooms.changed(*group_id),
                                        platform::io::log_failure("room cache refresh"));
                       });
}

}  // namespace bbodok::room
