// Rendering rooms and entries in naive Seoul datetimes.
#include "apps/bbodok/room/json.hpp"

#include "platform/time/seoul.hpp"

namespace bbodok::room {

boost::json::object room_json(const room_view& room, bool with_member_ids) {
  boost::json::array profiles;
  boost::json::array member_ids;
  for (const auto& who : room.occupants) {
    if (who.profile) {
      profiles.emplace_back(*who.profile);
    } else {
      profiles.emplace_back(nullptr);
    }
    member_ids.emplace_back(who.member_id);
  }
  boost::json::object out{{"roomId", room.room.room_id},
                          {"groupId", room.room.group_id},
                          {"startTime", platform::time::seoul_local_datetime(room.room.start_time)},
                          {"endTime", platform::time::seoul_local_datetime(room.room.end_time)},
                          {"profiles", std::move(profiles)}};
  if (with_member_ids) {
    out["memberIds"] = std::move(member_ids);
  } else {
    out["memberIds"] = nullptr;
  }
  return out;
}

boost::json::array rooms_json(const std::vector<room_view>& rooms, bool with_member_ids) {
  boost::json::array out;
  out.reserve(rooms.size());
  for (const auto& room : rooms) out.emplace_back(room_json(room, with_member_ids));
  return out;
}

boost::json::object emptied_room_json(std::int64_t start_time) {
  return boost::json::object{
      {"roomId", nullptr},  {"groupId", nullptr},  {"startTime", platform::time::seoul_local_datetime(start_time)},
      {"endTime", nullptr}, {"profiles", nullptr}, {"memberIds", nullptr}};
}

boost::json::object entry_json(const entry_record& entry) {
  boost::json::object out{{"enterTime", platform::time::seoul_local_datetime(entry.enter_time)}};
  if (entry.exit_time) {
    out["exitTime"] = platform::time::seoul_local_datetime(*entry.exit_time);
  } else {
    out["exitTime"] = nullptr;
  }
  return out;
}

}  // namespace bbodok::room
