// SQL of the trade repository.
#pragma once

namespace daengtionary::trade::sql {

inline constexpr const char* insert_trade =
    "INSERT INTO trade (member_no, title, address, stuff_status, exchange, price, content, post_status, views, "
    "created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING trade_no";
inline constexpr const char* find_trade =
    "SELECT t.trade_no, t.member_no, a.nick, t.title, t.address, t.stuff_status, t.exchange, t.post_status, "
    "t.content, t.price, t.views, (SELECT COUNT(*) FROM wish w WHERE w.trade_no = t.trade_no), t.created_at, "
    "t.modified_at FROM trade t JOIN member a ON a.member_no = t.member_no WHERE t.trade_no = ?";
inline constexpr const char* update_trade =
    "UPDATE trade SET title = ?, address = ?, stuff_status = ?, exchange = ?, price = ?, content = ?, "
    "post_status = ?, modified_at = ? WHERE trade_no = ?";
inline constexpr const char* delete_views = "DELETE FROM trade_view WHERE trade_no = ?";
inline constexpr const char* delete_wishes = "DELETE FROM wish WHERE trade_no = ?";
inline constexpr const char* delete_trade = "DELETE FROM trade WHERE trade_no = ?";

inline constexpr const char* insert_image = "INSERT INTO trade_img (trade_no, trade_img) VALUES (?, ?)";
inline constexpr const char* image_urls = "SELECT trade_img FROM trade_img WHERE trade_no = ? ORDER BY trade_img_no";
inline constexpr const char* delete_images = "DELETE FROM trade_img WHERE trade_no = ?";

// A list row: the first image and the wish count come from correlated subqueries, so no GROUP BY is needed.
#define DAENGTIONARY_TRADE_SUMMARY_COLUMNS                                                                \
  "SELECT t.trade_no, a.nick, t.title, t.post_status, t.views, t.price, "                                 \
  "(SELECT i.trade_img FROM trade_img i WHERE i.trade_no = t.trade_no ORDER BY i.trade_img_no LIMIT 1), " \
  "(SELECT COUNT(*) FROM wish w WHERE w.trade_no = t.trade_no), t.created_at, t.modified_at "             \
  "FROM trade t JOIN member a ON a.member_no = t.member_no "
// Filters are `? = ''` guards so the text stays constant; ORDER BY is appended.
inline constexpr const char* list_head = DAENGTIONARY_TRADE_SUMMARY_COLUMNS
    "WHERE (? = '' OR LOWER(t.title) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR LOWER(t.content) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR a.nick = ?) "
    "AND (? = '' OR LOWER(t.address) LIKE LOWER(?) ESCAPE '!') "
    "AND (? = '' OR t.post_status = ?) ";
// /mypage/mypost/trade: the member's own posts, newest first, unpaged as in the original.
inline constexpr const char* list_of_member =
    DAENGTIONARY_TRADE_SUMMARY_COLUMNS "WHERE t.member_no = ? ORDER BY t.trade_no DESC";
#undef DAENGTIONARY_TRADE_SUMMARY_COLUMNS
inline constexpr const char* order_none = "ORDER BY t.trade_no DESC LIMIT ? OFFSET ?";
inline constexpr const char* order_new = "ORDER BY t.created_at DESC, t.trade_no DESC LIMIT ? OFFSET ?";
inline constexpr const char* order_popular = "ORDER BY t.views DESC, t.trade_no DESC LIMIT ? OFFSET ?";

inline constexpr const char* viewed = "SELECT 1 FROM trade_view WHERE trade_no = ? AND viewer = ? AND day = ?";
inline constexpr const char* record_view =
    "INSERT INTO trade_view (trade_no, viewer, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
inline constexpr const char* add_view = "UPDATE trade SET views = views + 1 WHERE trade_no = ?";

}  // namespace daengtionary::trade::sql
