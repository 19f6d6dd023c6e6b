// SQL of the community repository.
#pragma once

namespace daengtionary::community::sql {

// The author's dog as the contract shows it: the breed of the first dog (lowest dog_no) and the image of
// the first dog that has one. Correlated subqueries, so a member with several dogs still gives one row.
#define DAENGTIONARY_FIRST_DOG_BREED(member) \
  "(SELECT d.breed FROM dog d WHERE d.member_no = " member " ORDER BY d.dog_no LIMIT 1)"
#define DAENGTIONARY_FIRST_DOG_IMAGE(member)               \
  "(SELECT d.image FROM dog d WHERE d.member_no = " member \
  " AND d.image IS NOT NULL AND d.image <> '' "            \
  "ORDER BY d.dog_no LIMIT 1)"

inline constexpr const char* insert_post =
    "INSERT INTO community (member_no, category, title, content, views, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, 0, ?, ?) RETURNING community_no";
inline constexpr const char* find_post =
    "SELECT c.community_no, c.member_no, a.nick, " DAENGTIONARY_FIRST_DOG_BREED("c.member_no") ", "
    DAENGTIONARY_FIRST_DOG_IMAGE("c.member_no") ", c.category, c.title, c.content, c.views, c.created_at, "
    "c.modified_at FROM community c JOIN member a ON a.member_no = c.member_no WHERE c.community_no = ?";
inline constexpr const char* author_of = "SELECT member_no FROM community WHERE community_no = ?";
inline constexpr const char* update_post =
    "UPDATE community SET category = ?, title = ?, content = ?, modified_at = ? WHERE community_no = ?";
inline constexpr const char* delete_views = "DELETE FROM community_view WHERE community_no = ?";
inline constexpr const char* delete_wishes = "DELETE FROM wish WHERE community_no = ?";
inline constexpr const char* delete_comments = "DELETE FROM community_review WHERE community_no = ?";
inline constexpr const char* delete_post = "DELETE FROM community WHERE community_no = ?";

inline constexpr const char* insert_image = "INSERT INTO community_img (community_no, community_img_url) VALUES (?, ?)";
inline constexpr const char* image_urls =
    "SELECT community_img_url FROM community_img WHERE community_no = ? ORDER BY community_img_no";
inline constexpr const char* delete_images = "DELETE FROM community_img WHERE community_no = ?";

// A list row: the author's dog, the first image and the counts come from correlated subqueries, so no
// GROUP BY is needed.
#define DAENGTIONARY_COMMUNITY_SUMMARY_COLUMNS \
  "SELECT c.community_no, c.member_no, a.nick, a.email, " DAENGTIONARY_FIRST_DOG_BREED("c.member_no") ", "       \
  DAENGTIONARY_FIRST_DOG_IMAGE("c.member_no") ", c.title, c.category, c.views, "                                 \
  "(SELECT i.community_img_url FROM community_img i WHERE i.community_no = c.community_no "                    \
  "ORDER BY i.community_img_no LIMIT 1), "                                                                     \
  "(SELECT COUNT(*) FROM community_review r WHERE r.community_no = c.community_no), "                          \
  "(SELECT COUNT(*) FROM wish w WHERE w.community_no = c.community_no), "                                      \
  "c.created_at, c.modified_at FROM community c JOIN member a ON a.member_no = c.member_no "
// Filters are `? = ''` guards so the text stays constant; one ORDER BY per sort is appended.
inline constexpr const char* list_head = DAENGTIONARY_COMMUNITY_SUMMARY_COLUMNS
    "WHERE (? = '' OR c.category = ?) "
    "AND (? = '' OR LOWER(c.title) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR LOWER(c.content) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR a.nick = ?) ";
inline constexpr const char* order_none = "ORDER BY c.community_no DESC LIMIT ? OFFSET ?";
inline constexpr const char* order_new = "ORDER BY c.created_at DESC, c.community_no DESC LIMIT ? OFFSET ?";
inline constexpr const char* order_popular = "ORDER BY c.views DESC, c.community_no DESC LIMIT ? OFFSET ?";
inline constexpr const char* posts_of =
    DAENGTIONARY_COMMUNITY_SUMMARY_COLUMNS "WHERE c.member_no = ? ORDER BY c.community_no DESC";
#undef DAENGTIONARY_COMMUNITY_SUMMARY_COLUMNS

inline constexpr const char* viewed = "SELECT 1 FROM community_view WHERE community_no = ? AND viewer = ? AND day = ?";
inline constexpr const char* record_view =
    "INSERT INTO community_view (community_no, viewer, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* add_view = "UPDATE community SET views = views + 1 WHERE community_no = ?";

#define DAENGTIONARY_COMMENT_COLUMNS \
  "SELECT r.community_review_no, r.community_no, r.member_no, a.nick, r.content, "                    \
  DAENGTIONARY_FIRST_DOG_IMAGE("r.member_no") " FROM community_review r "                             \
  "JOIN member a ON a.member_no = r.member_no "
inline constexpr const char* comments_of =
    DAENGTIONARY_COMMENT_COLUMNS "WHERE r.community_no = ? ORDER BY r.community_review_no LIMIT ? OFFSET ?";
inline constexpr const char* find_comment = DAENGTIONARY_COMMENT_COLUMNS "WHERE r.community_review_no = ?";
#undef DAENGTIONARY_COMMENT_COLUMNS
inline constexpr const char* insert_comment =
    "INSERT INTO community_review (member_no, community_no, content, created_at, modified_at) "
    "VALUES (?, ?, ?, ?, ?) RETURNING community_review_no";
inline constexpr const char* update_comment =
    "UPDATE community_review SET content = ?, modified_at = ? WHERE community_review_no = ?";
inline constexpr const char* delete_comment = "DELETE FROM community_review WHERE community_review_no = ?";

#undef DAENGTIONARY_FIRST_DOG_IMAGE
#undef DAENGTIONARY_FIRST_DOG_BREED

}  // namespace daengtionary::community::sql
