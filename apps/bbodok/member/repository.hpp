// Member rows.
#pragma once

#include <cstdint>
#include <optional>

#include "apps/bbodok/member/dto.hpp"
#include "platform/sql/connection.hpp"

namespace bbodok::member {

// The member unless missing or withdrawn. Also for other features' transactions (ranks name members).
std::optional<member_record> find_active(platform::sql::connection& db, std::int64_t member_id);

}  // namespace bbodok::member
