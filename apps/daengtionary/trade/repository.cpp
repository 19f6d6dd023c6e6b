// Trade repository over platform::sql.
#include "apps/daengtionary/trade/repository.hpp"

#include <string>

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/trade/sql.hpp"
#include "platform/sql/records.hpp"

namespace daengtionary::trade::repository {
namespace records = platform::sql::records;

const post::post_tables& tables() {
  static const post::post_tables trade(
      {.table = "trade", .image_url = "trade_img", .counts_views = true, .wish = wishes::target::trade});
  return trade;
}

std::int64_t insert_trade(connection& db, std::int64_t member_no, const trade_form& form, std::int64_t now) {
  return db
      .query(sql::insert_trade, {member_no, form.title, form.address, form.stuff_status, form.exchange, form.price,
                                 form.content, form.post_status, now, now})[0]
      .as_int("trade_no");
}

std::optional<trade_record> find_trade(connection& db, std::int64_t trade_no) {
  return records::first_of<trade_record>(db.query(sql::find_trade, {trade_no}));
}

void update_trade(connection& db, std::int64_t trade_no, const trade_form& form, std::int64_t now) {
  db.execute(sql::update_trade, {form.title, form.address, form.stuff_status, form.exchange, form.price, form.content,
                                 form.post_status, now, trade_no});
}

std::vector<trade_summary> list_trades(connection& db, const trade_filter& filter, sort_order sort, page paging) {
  static const auto statements =
      list_sql::sorted_posts(std::string(sql::summary_columns) + sql::list_filters, "t", "trade");
  list_sql::params params;
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::exact(params, filter.nick);
  list_sql::substring(params, filter.address);
  list_sql::exact(params, filter.post_status);
  list_sql::paging(params, paging);
  return records::all_of<trade_summary>(db.query(statements.of(sort), params));
}

std::vector<trade_summary> trades_of(connection& db, std::int64_t member_no) {
  static const std::string statement = std::string(sql::summary_columns) + sql::of_member;
  return records::all_of<trade_summary>(db.query(statement, {member_no}));
}

}  // namespace daengtionary::trade::repository
