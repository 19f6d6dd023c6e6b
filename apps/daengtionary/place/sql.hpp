// SQL of the place repository; columns are read by name, so computed ones carry an alias.
#pragma once

namespace daengtionary::place::sql {

inline constexpr const char* insert_place =
    "INSERT INTO map (member_no, title, category, content, address, star, views, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?) RETURNING map_no";
inline constexpr const char* find_place =
    "SELECT m.map_no, m.member_no, a.nick, m.title, m.category, m.content, m.address, m.star, m.views, "
    "m.created_at, m.modified_at FROM map m JOIN member a ON a.member_no = m.member_no WHERE m.map_no = ?";
inline constexpr const char* update_place =
    "UPDATE map SET title = ?, category = ?, content = ?, address = ?, modified_at = ? WHERE map_no = ?";

// The list: one row per place; the first image and the counts come from correlated subqueries, so no
// GROUP BY is needed. Filters are `? = ''` guards so the text stays constant; list_sql::sorted_posts appends ORDER BY.
inline constexpr const char* list_head =
    "SELECT m.map_no, m.category, m.title, m.address, m.content, m.star, "
    "(SELECT i.map_img_url FROM map_img i WHERE i.map_no = m.map_no ORDER BY i.map_img_no LIMIT 1) AS image, "
    "(SELECT COUNT(*) FROM map_review r WHERE r.map_no = m.map_no) AS review_count, "
    "(SELECT COUNT(*) FROM wish w WHERE w.map_no = m.map_no) AS wish_count, "
    "m.views, m.created_at, m.modified_at "
    "FROM map m JOIN member a ON a.member_no = m.member_no "
    "WHERE (? = '' OR m.category = ?) "
    "AND (? = '' OR LOWER(m.title) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR LOWER(m.content) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR a.nick = ?) "
    "AND (? = '' OR LOWER(m.address) LIKE LOWER(?) ESCAPE '!') ";

// A review with its reviewer's image: the image of their first dog that has one. The repository appends
// one of the two WHERE clauses.
inline constexpr const char* review_columns =
    "SELECT r.map_review_no AS review_no, r.map_no, r.member_no, a.nick, r.content, "
    "(SELECT d.image FROM dog d WHERE d.member_no = r.member_no AND d.image IS NOT NULL AND d.image <> '' "
    "ORDER BY d.dog_no LIMIT 1) AS image, r.star FROM map_review r JOIN member a ON a.member_no = r.member_no ";
inline constexpr const char* reviews_of = "WHERE r.map_no = ? ORDER BY r.map_review_no DESC LIMIT ? OFFSET ?";
inline constexpr const char* find_review = "WHERE r.map_review_no = ?";
inline constexpr const char* insert_review =
    "INSERT INTO map_review (member_no, map_no, content, star, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING map_review_no";
inline constexpr const char* update_review =
    "UPDATE map_review SET content = ?, star = ?, modified_at = ? WHERE map_review_no = ?";
inline constexpr const char* delete_review = "DELETE FROM map_review WHERE map_review_no = ?";
inline constexpr const char* average_star =
    "SELECT AVG(CAST(star AS DOUBLE PRECISION)) AS average FROM map_review WHERE map_no = ?";
inline constexpr const char* set_star = "UPDATE map SET star = ? WHERE map_no = ?";

}  // namespace daengtionary::place::sql
