// Changes one feature announces for others to react to, on the app's kv pub/sub (so they reach every
// instance once pub/sub runs on Redis). Payloads are decimal ids.
#pragma once

#include <string_view>

namespace bbodok::events {

// A group's rooms or reservations changed outside the room feature (a member left the group or withdrew):
// the payload is the group id; the room feature refreshes what it caches for that group.
inline constexpr std::string_view group_rooms_changed = "bbodok.group-rooms-changed";

}  // namespace bbodok::events
