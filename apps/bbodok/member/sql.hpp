// SQL of the member repository.
#pragma once

namespace bbodok::member::sql {

inline constexpr const char* find_active =
    "SELECT member_id, name, profile, email FROM member WHERE member_id = ? AND status = 'REGULAR'";

}  // namespace bbodok::member::sql
