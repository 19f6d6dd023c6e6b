// SQL of the community repository; columns are read by name, so computed ones carry an alias. The
// repository joins the shared pieces (`*_columns`) to their WHERE clauses once.
#pragma once

namespace daengtionary::community::sql {

inline constexpr const char* insert_post =
    "INSERT INTO community (member_no, category, title, content, views, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, 0, ?, ?) RETURNING community_no";
// The author's dog as the contract shows it: the breed of the first dog (lowest dog_no) and the image of
// the first dog that has one. Correlated subqueries, so a member with several dogs still gives one row.
inline constexpr const char* author_dog_columns =
    "(SELECT d.breed FROM dog d WHERE d.member_no = c.member_no ORDER BY d.dog_no LIMIT 1) AS breed, "
    "(SELECT d.image FROM dog d WHERE d.member_no = c.member_no AND d.image IS NOT NULL AND d.image <> '' "
    "ORDER BY d.dog_no LIMIT 1) AS dog_image ";
inline constexpr const char* post_columns =
    "SELECT c.community_no, c.member_no, a.nick, c.category, c.title, c.content, c.views, c.created_at, "
    "c.modified_at, ";
inline constexpr const char* find_post =
    "FROM community c JOIN member a ON a.member_no = c.member_no WHERE c.community_no = ?";
inline constexpr const char* update_post =
    "UPDATE community SET category = ?, title = ?, content = ?, modified_at = ? WHERE community_no = ?";

// A list row: the author's dog, the first image and the counts come from correlated subqueries, so no
// GROUP BY is needed.
inline constexpr const char* summary_columns =
    "SELECT c.community_no, c.member_no, a.nick, a.email, c.title, c.category, c.views, "
    "(SELECT i.community_img_url FROM community_img i WHERE i.community_no = c.community_no "
    "ORDER BY i.community_img_no LIMIT 1) AS image, "
    "(SELECT COUNT(*) FROM community_review r WHERE r.community_no = c.community_no) AS review_count, "
    "(SELECT COUNT(*) FROM wish w WHERE w.community_no = c.community_no) AS wish_count, "
    "c.created_at, c.modified_at, ";
inline constexpr const char* summary_from = "FROM community c JOIN member a ON a.member_no = c.member_no ";
// Filters are `? = ''` guards so the text stays constant; list_sql::sorted_posts appends ORDER BY.
inline constexpr const char* list_filters =
    "WHERE (? = '' OR c.category = ?) "
    "AND (? = '' OR LOWER(c.title) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR LOWER(c.content) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR a.nick = ?) ";
inline constexpr const char* posts_of = "WHERE c.member_no = ? ORDER BY c.community_no DESC";

// A comment with its commenter's image: the image of their first dog that has one.
inline constexpr const char* comment_columns =
    "SELECT r.community_review_no AS review_no, r.community_no, r.member_no, a.nick, r.content, "
    "(SELECT d.image FROM dog d WHERE d.member_no = r.member_no AND d.image IS NOT NULL AND d.image <> '' "
    "ORDER BY d.dog_no LIMIT 1) AS image FROM community_review r JOIN member a ON a.member_no = r.member_no ";
inline constexpr const char* comments_of = "WHERE r.community_no = ? ORDER BY r.community_review_no LIMIT ? OFFSET ?";
inline constexpr const char* find_comment = "WHERE r.community_review_no = ?";
inline constexpr const char* insert_comment =
    "INSERT INTO community_review (member_no, community_no, content, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, ?) RETURNING community_review_no";
inline constexpr const char* update_comment =
    "UPDATE community_review SET content = ?, modified_at = ? WHERE community_review_no = ?";
inline constexpr const char* delete_comment = "DELETE FROM community_review WHERE community_review_no = ?";

}  // namespace daengtionary::community::sql
