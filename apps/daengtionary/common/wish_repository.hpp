// Wish rows (likes, contract §2.8): one table with a column per kind of target, each unique together with
// member_no (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>

#include "platform/sql/connection.hpp"

namespace daengtionary::wishes {

enum class target { map, community, trade };

bool target_exists(platform::sql::connection& db, target kind, std::int64_t id);
std::optional<std::int64_t> find(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id);
void insert(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id, std::int64_t now);
void remove(platform::sql::connection& db, std::int64_t wish_no);

}  // namespace daengtionary::wishes
