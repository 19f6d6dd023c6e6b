// SQL of the dog repository.
#pragma once

namespace daengtionary::mypage::sql {

inline constexpr const char* dogs_of_member =
    "SELECT dog_no, member_no, name, breed, gender, weight, image FROM dog WHERE member_no = ? ORDER BY dog_no";
inline constexpr const char* find_dog =
    "SELECT dog_no, member_no, name, breed, gender, weight, image FROM dog WHERE dog_no = ?";
inline constexpr const char* insert_dog =
    "INSERT INTO dog (member_no, name, breed, gender, weight, image, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING dog_no";
inline constexpr const char* update_dog =
    "UPDATE dog SET name = ?, breed = ?, gender = ?, weight = ?, image = ?, modified_at = ? WHERE dog_no = ?";
inline constexpr const char* update_image = "UPDATE dog SET image = ?, modified_at = ? WHERE dog_no = ?";
inline constexpr const char* delete_dog = "DELETE FROM dog WHERE dog_no = ?";

}  // namespace daengtionary::mypage::sql
