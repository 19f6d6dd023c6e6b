// Reading member rows.
#include "apps/bbodok/member/repository.hpp"

#include "apps/bbodok/member/sql.hpp"

namespace bbodok::member {

std::optional<member_record> find_active(platform::sql::connection& db, std::int64_t member_id) {
  const auto found = db.query(sql::find_active, {member_id});
  if (found.empty()) return std::nullopt;
  const auto& row = found[0];
  return member_record{.member_id = row.as_int("member_id"),
                       .name = row.as_text("name"),
                       .profile = row.opt_text("profile"),
                       .email = row.opt_text("email")};
}

}  // namespace bbodok::member
