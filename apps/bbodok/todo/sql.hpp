// SQL of the todo repository. Every statement names the member: a todo is only ever its owner's.
#pragma once

namespace bbodok::todo::sql {

inline constexpr const char* list =
    "SELECT todo_id, group_id, content, done FROM todo WHERE member_id = ? AND group_id = ? ORDER BY todo_id";
inline constexpr const char* insert =
    "INSERT INTO todo (member_id, group_id, content, done, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?) "
    "RETURNING todo_id";
inline constexpr const char* update =
    "UPDATE todo SET content = ?, done = ?, updated_at = ? WHERE todo_id = ? AND member_id = ? "
    "RETURNING todo_id, group_id, content, done";
inline constexpr const char* remove = "DELETE FROM todo WHERE todo_id = ? AND member_id = ?";

}  // namespace bbodok::todo::sql
