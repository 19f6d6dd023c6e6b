// One line of a group's ranking (RankResponse).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace bbodok::rank {

struct rank_entry {
  std::int64_t member_id = 0;
  std::optional<std::string> profile;
  std::string nickname;         // the member's name
  std::int64_t study_time = 0;  // microseconds earned in the group since joining
};

}  // namespace bbodok::rank
