// Likes ("좋아요", contract §2.8): one wish per member and target, toggled; one table with a column per kind.
#pragma once

#include <cstdint>
#include <optional>

#include "apps/daengtionary/common/errc.hpp"
#include "platform/http/message.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::wishes {

enum class target { map, community, trade };

// In a transaction: map_not_found for an unknown target; otherwise true when the wish was added, false
// when it was removed.
result<bool> toggle(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id);

// The rows toggle works on; separate so repository tests can check the schema's uniqueness.
std::optional<std::int64_t> find(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id);
void insert(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id, std::int64_t now);
void remove(platform::sql::connection& db, std::int64_t wish_no);

// 200 with {"mapNo","comNo","tradeNo"}: all null when added, the target's id set when removed (as the original).
platform::http::response answer(target kind, std::int64_t id, bool added);

}  // namespace daengtionary::wishes
