// What the room feature hands between its repository, services and routes. Times are UTC microseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bbodok::room {

// One 25-minute study slot of a group.
struct room_record {
  std::int64_t room_id = 0;
  std::int64_t group_id = 0;
  std::int64_t start_time = 0;
  std::int64_t end_time = 0;
};

// A member holding a live reservation of a room; the avatars are derived from these, never stored.
struct occupant {
  std::int64_t member_id = 0;
  std::optional<std::string> profile;
};

struct room_view {
  room_record room;
  std::vector<occupant> occupants;  // in reservation order
};

// [from, to]: rooms that start at or after `from` and end at or before `to`.
struct window {
  std::int64_t from = 0;
  std::int64_t to = 0;
};

// Whether a window is one the caches keep: both ends at a Seoul midnight (what the frontend asks for) and at
// most `max_days` long. Other windows are answered without the cache, so odd or huge windows can neither crowd
// out the frontend's entries nor make large ones.
bool cacheable(window w, std::int64_t max_days);

struct entry_record {
  std::int64_t enter_time = 0;
  std::optional<std::int64_t> exit_time;
};

// A closed entry: what the exit added to the reservation and to the member's time in the room's group.
struct exit_record {
  entry_record entry;
  std::int64_t group_id = 0;
  std::int64_t studied = 0;  // microseconds
};

}  // namespace bbodok::room
