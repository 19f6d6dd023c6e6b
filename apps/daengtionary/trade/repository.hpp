// Trade, image and view rows (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/trade/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::trade::repository {

using platform::sql::connection;

std::int64_t insert_trade(connection& db, std::int64_t member_no, const trade_form& form, std::int64_t now);
std::optional<trade_record> find_trade(connection& db, std::int64_t trade_no);
void update_trade(connection& db, std::int64_t trade_no, const trade_form& form, std::int64_t now);
// Deletes the trade with its views, wishes and image rows (the caller removes the stored files).
void delete_trade(connection& db, std::int64_t trade_no);

void insert_images(connection& db, std::int64_t trade_no, const std::vector<std::string>& urls);
// In upload order.
std::vector<std::string> image_urls(connection& db, std::int64_t trade_no);
void delete_images(connection& db, std::int64_t trade_no);

std::vector<trade_summary> list_trades(connection& db, const trade_filter& filter, sort_order sort, page paging);
// The member's own trades, newest first.
std::vector<trade_summary> trades_of(connection& db, std::int64_t member_no);

// Whether (trade_no, viewer, day) is there: the view was counted already.
bool viewed(connection& db, std::int64_t trade_no, const std::string& viewer, std::int64_t day);
// True when (trade_no, viewer, day) was new, i.e. the view should be counted.
bool record_view(connection& db, std::int64_t trade_no, const std::string& viewer, std::int64_t day);
void add_view(connection& db, std::int64_t trade_no);

}  // namespace daengtionary::trade::repository
