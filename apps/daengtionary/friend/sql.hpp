// SQL of the matching repository (tables friend and friend_join); columns are read by name.
#pragma once

namespace daengtionary::matching::sql {

inline constexpr const char* insert_post =
    "INSERT INTO friend (member_no, address, category, title, content, status, max_count, count, room_no, "
    "created_at, modified_at) VALUES (?, ?, ?, ?, ?, '진행중', ?, 0, ?, ?, ?) RETURNING friend_no";
// With the author's member row, which the detail shows.
inline constexpr const char* find_post =
    "SELECT f.friend_no, f.member_no, f.address, f.category, f.title, f.content, f.status, f.max_count, f.count, "
    "f.room_no, f.created_at, f.modified_at, a.nick, a.role, a.created_at AS author_created_at, "
    "a.modified_at AS author_modified_at FROM friend f JOIN member a ON a.member_no = f.member_no "
    "WHERE f.friend_no = ?";
// The status follows the new max_count (the second parameter is max_count again): open while seats remain.
inline constexpr const char* update_post =
    "UPDATE friend SET address = ?, category = ?, title = ?, content = ?, max_count = ?, "
    "status = CASE WHEN count >= ? THEN '마감 완료' ELSE '진행중' END, modified_at = ? WHERE friend_no = ?";

// Newest first; the first image comes from a correlated subquery, so no GROUP BY is needed.
inline constexpr const char* list_posts =
    "SELECT f.friend_no, f.address, f.category, f.title, f.content, f.status, f.max_count, f.count, "
    "(SELECT i.friend_img FROM friend_img i WHERE i.friend_no = f.friend_no ORDER BY i.friend_img_no LIMIT 1) AS "
    "image, "
    "f.created_at, f.modified_at FROM friend f "
    "WHERE (? = '' OR f.category = ?) "
    "AND (? = '' OR LOWER(f.address) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR LOWER(f.title) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR LOWER(f.content) LIKE LOWER(?) ESCAPE '!') "
    "ORDER BY f.created_at DESC, f.friend_no DESC LIMIT ? OFFSET ?";

inline constexpr const char* insert_join =
    "INSERT INTO friend_join (friend_no, member_no, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* delete_join = "DELETE FROM friend_join WHERE friend_no = ? AND member_no = ?";
// One statement, so concurrent joins queue on the row and never pass max_count.
inline constexpr const char* take_seat =
    "UPDATE friend SET count = count + 1, "
    "status = CASE WHEN count + 1 >= max_count THEN '마감 완료' ELSE status END "
    "WHERE friend_no = ? AND status = '진행중' AND count < max_count";

}  // namespace daengtionary::matching::sql
