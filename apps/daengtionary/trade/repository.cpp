// Trade repository over platform::sql.
#include "apps/daengtionary/trade/repository.hpp"

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/trade/sql.hpp"

namespace daengtionary::trade::repository {
namespace {

trade_summary to_summary(const platform::sql::row& row) {
  return trade_summary{row.as_int(0), row.as_text(1),  row.as_text(2), row.as_text(3), row.as_int(4),
                       row.as_int(5), row.opt_text(6), row.as_int(7),  row.as_int(8),  row.as_int(9)};
}

const std::string& list_statement(sort_order sort) {
  static const list_sql::sorted_statements statements(sql::list_head, sql::order_none, sql::order_new,
                                                      sql::order_popular);
  return statements.of(sort);
}

}  // namespace

std::int64_t insert_trade(connection& db, std::int64_t member_no, const trade_form& form, std::int64_t now) {
  return db
      .query(sql::insert_trade, {member_no, form.title, form.address, form.stuff_status, form.exchange, form.price,
                                 form.content, form.post_status, now, now})[0]
      .as_int(0);
}

std::optional<trade_record> find_trade(connection& db, std::int64_t trade_no) {
  auto rows = db.query(sql::find_trade, {trade_no});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  return trade_record{row.as_int(0),  row.as_int(1),  row.as_text(2), row.as_text(3), row.as_text(4),
                      row.as_text(5), row.as_text(6), row.as_text(7), row.as_text(8), row.as_int(9),
                      row.as_int(10), row.as_int(11), row.as_int(12), row.as_int(13)};
}

void update_trade(connection& db, std::int64_t trade_no, const trade_form& form, std::int64_t now) {
  db.execute(sql::update_trade, {form.title, form.address, form.stuff_status, form.exchange, form.price, form.content,
                                 form.post_status, now, trade_no});
}

void delete_trade(connection& db, std::int64_t trade_no) {
  db.execute(sql::delete_views, {trade_no});
  db.execute(sql::delete_wishes, {trade_no});
  db.execute(sql::delete_images, {trade_no});
  db.execute(sql::delete_trade, {trade_no});
}

void insert_images(connection& db, std::int64_t trade_no, const std::vector<std::string>& urls) {
  for (const auto& url : urls) db.execute(sql::insert_image, {trade_no, url});
}

std::vector<std::string> image_urls(connection& db, std::int64_t trade_no) {
  std::vector<std::string> urls;
  for (const auto& row : db.query(sql::image_urls, {trade_no})) urls.push_back(row.as_text(0));
  return urls;
}

void delete_images(connection& db, std::int64_t trade_no) { db.execute(sql::delete_images, {trade_no}); }

std::vector<trade_summary> list_trades(connection& db, const trade_filter& filter, sort_order sort, page paging) {
  list_sql::params params;
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::exact(params, filter.nick);
  list_sql::substring(params, filter.address);
  list_sql::exact(params, filter.post_status);
  list_sql::paging(params, paging);
  std::vector<trade_summary> trades;
  for (const auto& row : db.query(list_statement(sort), params)) trades.push_back(to_summary(row));
  return trades;
}

std::vector<trade_summary> trades_of(connection& db, std::int64_t member_no) {
  std::vector<trade_summary> trades;
  for (const auto& row : db.query(sql::list_of_member, {member_no})) trades.push_back(to_summary(row));
  return trades;
}

bool viewed(connection& db, std::int64_t trade_no, const std::string& viewer, std::int64_t day) {
  return !db.query(sql::viewed, {trade_no, viewer, day}).empty();
}

bool record_view(connection& db, std::int64_t trade_no, const std::string& viewer, std::int64_t day) {
  return db.execute(sql::record_view, {trade_no, viewer, day}) > 0;
}

void add_view(connection& db, std::int64_t trade_no) { db.execute(sql::add_view, {trade_no}); }

}  // namespace daengtionary::trade::repository
