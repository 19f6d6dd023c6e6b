// Trade rows (SQL only; called on the blocking pool); images and views are the shared post rows.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/post/tables.hpp"
#include "apps/daengtionary/trade/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::trade::repository {

using platform::sql::connection;

// trade, trade_img, trade_view, and the trade_no column of wishes.
const post::post_tables& tables();

std::int64_t insert_trade(connection& db, std::int64_t member_no, const trade_form& form, std::int64_t now);
std::optional<trade_record> find_trade(connection& db, std::int64_t trade_no);
void update_trade(connection& db, std::int64_t trade_no, const trade_form& form, std::int64_t now);

std::vector<trade_summary> list_trades(connection& db, const trade_filter& filter, sort_order sort, page paging);
// The member's own trades, newest first.
std::vector<trade_summary> trades_of(connection& db, std::int64_t member_no);

}  // namespace daengtionary::trade::repository
