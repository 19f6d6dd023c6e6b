// Todo rows of one member.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/bbodok/todo/dto.hpp"
#include "platform/sql/connection.hpp"

namespace bbodok::todo {

std::vector<todo_record> list_rows(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id);
std::int64_t insert_row(platform::sql::connection& db, std::int64_t member_id, std::int64_t group_id,
                        const std::string& content, std::int64_t now);
// nullopt when the member has no such todo (missing, or someone else's).
std::optional<todo_record> update_row(platform::sql::connection& db, std::int64_t member_id, std::int64_t todo_id,
                                      const std::string& content, bool done, std::int64_t now);
void delete_row(platform::sql::connection& db, std::int64_t member_id, std::int64_t todo_id);

}  // namespace bbodok::todo
