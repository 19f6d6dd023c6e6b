// Reading the event's decimal group id and requesting the recomputation.
#include "apps/bbodok/room/group_events.hpp"

#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>

#include "apps/bbodok/common/events.hpp"
#include "apps/bbodok/room/calendar.hpp"

namespace bbodok::room {
namespace {

std::optional<std::int64_t> group_in(std::string_view payload) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(payload.data(), payload.data() + payload.size(), id);
  if (error != std::errc{} || end != payload.data() + payload.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

platform::cache::coalescer calendar_refreshes(calendar& rooms) {
  auto recompute = [&rooms](std::string group) -> asio::awaitable<void> {
    const auto group_id = group_in(group);
    if (!group_id) throw std::invalid_argument("not a group id: " + group);
    co_await rooms.changed(*group_id);
  };
  return {std::move(recompute), "room cache refresh"};
}

platform::kv::subscription refresh_on_group_changes(platform::kv::pubsub& bus, platform::cache::coalescer& refreshes,
                                                    const asio::any_io_executor& where) {
  return bus.subscribe(std::string(events::group_rooms_changed),
                       [&refreshes, where](std::string_view, const std::shared_ptr<const std::string>& payload) {
                         if (group_in(*payload)) refreshes.request(*payload, where);
                       });
}

}  // namespace bbodok::room
