// Dog rows (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "apps/daengtionary/mypage/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::mypage::repository {

using platform::sql::connection;

std::vector<dog_record> dogs_of(connection& db, std::int64_t member_no);
std::optional<dog_record> find_dog(connection& db, std::int64_t dog_no);
std::int64_t insert_dog(connection& db, const dog_record& dog, std::int64_t now);
// Writes every field of `dog` (found by dog_no), image included.
void update_dog(connection& db, const dog_record& dog, std::int64_t now);
void update_image(connection& db, std::int64_t dog_no, const std::optional<std::string>& image, std::int64_t now);
void delete_dog(connection& db, std::int64_t dog_no);

}  // namespace daengtionary::mypage::repository
