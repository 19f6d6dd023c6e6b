// SQL of the group repository.
#pragma once

namespace bbodok::group::sql {

inline constexpr const char* not_joined =
    "SELECT g.group_id, g.name, g.secret, g.path FROM study_group g WHERE g.deleted = 0 "
    "AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.group_id = g.group_id AND m.member_id = ?) "
    "ORDER BY g.group_id";
inline constexpr const char* mine =
    "SELECT g.group_id, g.name, g.secret, g.path, m.color FROM membership m "
    "JOIN study_group g ON g.group_id = m.group_id WHERE m.member_id = ? AND g.deleted = 0 "
    "ORDER BY m.joined_at, g.group_id";
inline constexpr const char* find_live =
    "SELECT group_id, name, secret, path, owner_id, password_hash, everyone FROM study_group "
    "WHERE group_id = ? AND deleted = 0";
inline constexpr const char* find_live_by_path =
    "SELECT group_id, name, secret, path, owner_id, password_hash, everyone FROM study_group "
    "WHERE path = ? AND deleted = 0";
// Paths are unique among all groups, deleted ones included (an old invite link never leads elsewhere).
inline constexpr const char* insert_group =
    "INSERT INTO study_group (owner_id, name, secret, password_hash, path, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO NOTHING RETURNING group_id";
inline constexpr const char* update_group =
    "UPDATE study_group SET name = ?, secret = ?, password_hash = ?, updated_at = ? WHERE group_id = ?";
inline constexpr const char* join =
    "INSERT INTO membership (member_id, group_id, color, study_time, joined_at) VALUES (?, ?, NULL, 0, ?) "
    "ON CONFLICT (member_id, group_id) DO NOTHING";
inline constexpr const char* color_of = "SELECT color FROM membership WHERE member_id = ? AND group_id = ?";
inline constexpr const char* set_color = "UPDATE membership SET color = ? WHERE member_id = ? AND group_id = ?";
inline constexpr const char* groups_of = "SELECT group_id FROM membership WHERE member_id = ? ORDER BY group_id";
inline constexpr const char* drop_membership = "DELETE FROM membership WHERE member_id = ? AND group_id = ?";
inline constexpr const char* drop_todos = "DELETE FROM todo WHERE member_id = ? AND group_id = ?";
inline constexpr const char* close_if_empty =
    "UPDATE study_group SET deleted = 1, updated_at = ? WHERE group_id = ? AND everyone = 0 AND deleted = 0 "
    "AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.group_id = study_group.group_id)";

}  // namespace bbodok::group::sql
