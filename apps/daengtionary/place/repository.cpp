// Place repository over platform::sql.
#include "apps/daengtionary/place/repository.hpp"

#include <string>

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/place/sql.hpp"
#include "platform/sql/records.hpp"

namespace daengtionary::place::repository {
namespace records = platform::sql::records;

const post::post_tables& tables() {
  static const post::post_tables map(
      {.table = "map", .image_url = "map_img_url", .counts_views = true, .wish = wishes::target::map});
  return map;
}

std::int64_t insert_place(connection& db, std::int64_t member_no, const place_form& form, std::int64_t now) {
  return db.query(sql::insert_place, {member_no, form.title, form.category, form.content, form.address, now, now})[0]
      .as_int("map_no");
}

std::optional<place_record> find_place(connection& db, std::int64_t map_no) {
  return records::first_of<place_record>(db.query(sql::find_place, {map_no}));
}

void update_place(connection& db, std::int64_t map_no, const place_form& form, std::int64_t now) {
  db.execute(sql::update_place, {form.title, form.category, form.content, form.address, now, map_no});
}

std::vector<place_summary> list_places(connection& db, const place_filter& filter, sort_order sort, page paging) {
  static const auto statements = list_sql::sorted_posts(sql::list_head, "m", "map");
  list_sql::params params;
  list_sql::exact(params, filter.category);
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::exact(params, filter.nick);
  list_sql::substring(params, filter.address);
  list_sql::paging(params, paging);
  return records::all_of<place_summary>(db.query(statements.of(sort), params));
}

std::vector<review_record> reviews_of(connection& db, std::int64_t map_no, page paging) {
  static const std::string statement = std::string(sql::review_columns) + sql::reviews_of;
  return records::all_of<review_record>(db.query(statement, {map_no, paging.size, paging.offset()}));
}

std::optional<review_record> find_review(connection& db, std::int64_t review_no) {
  static const std::string statement = std::string(sql::review_columns) + sql::find_review;
  return records::first_of<review_record>(db.query(statement, {review_no}));
}

std::int64_t insert_review(connection& db, std::int64_t map_no, std::int64_t member_no, const review_form& form,
                           std::int64_t now) {
  return db.query(sql::insert_review, {member_no, map_no, form.content, form.star, now, now})[0].as_int(
      "map_review_no");
}

void update_review(connection& db, std::int64_t review_no, const review_form& form, std::int64_t now) {
  db.execute(sql::update_review, {form.content, form.star, now, review_no});
}

void delete_review(connection& db, std::int64_t review_no) { db.execute(sql::delete_review, {review_no}); }

std::optional<double> average_star(connection& db, std::int64_t map_no) {
  auto rows = db.query(sql::average_star, {map_no});
  if (rows.empty()) return std::nullopt;
  return rows[0].opt_double("average");
}

void set_star(connection& db, std::int64_t map_no, double star) { db.execute(sql::set_star, {star, map_no}); }

}  // namespace daengtionary::place::repository
