// SQL of the trade repository; columns are read by name, so computed ones carry an alias.
#pragma once

namespace daengtionary::trade::sql {

inline constexpr const char* insert_trade =
    "INSERT INTO trade (member_no, title, address, stuff_status, exchange, price, content, post_status, views, "
    "created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING trade_no";
inline constexpr const char* find_trade =
    "SELECT t.trade_no, t.member_no, a.nick, t.title, t.address, t.stuff_status, t.exchange, t.post_status, "
    "t.content, t.price, t.views, (SELECT COUNT(*) FROM wish w WHERE w.trade_no = t.trade_no) AS wish_count, "
    "t.created_at, t.modified_at FROM trade t JOIN member a ON a.member_no = t.member_no WHERE t.trade_no = ?";
inline constexpr const char* update_trade =
    "UPDATE trade SET title = ?, address = ?, stuff_status = ?, exchange = ?, price = ?, content = ?, "
    "post_status = ?, modified_at = ? WHERE trade_no = ?";

// A list row: the first image and the wish count come from correlated subqueries, so no GROUP BY is needed.
// The repository appends one of the two WHERE clauses.
inline constexpr const char* summary_columns =
    "SELECT t.trade_no, a.nick, t.title, t.post_status, t.views, t.price, "
    "(SELECT i.trade_img FROM trade_img i WHERE i.trade_no = t.trade_no ORDER BY i.trade_img_no LIMIT 1) AS image, "
    "(SELECT COUNT(*) FROM wish w WHERE w.trade_no = t.trade_no) AS wish_count, t.created_at, t.modified_at "
    "FROM trade t JOIN member a ON a.member_no = t.member_no ";
// Filters are `? = ''` guards so the text stays constant; list_sql::sorted_posts appends ORDER BY.
inline constexpr const char* list_filters =
    "WHERE (? = '' OR LOWER(t.title) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR LOWER(t.content) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR a.nick = ?) "
    "AND (? = '' OR LOWER(t.address) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR t.post_status = ?) ";
// /mypage/mypost/trade: the member's own posts, newest first, unpaged as in the original.
inline constexpr const char* of_member = "WHERE t.member_no = ? ORDER BY t.trade_no DESC";

}  // namespace daengtionary::trade::sql
