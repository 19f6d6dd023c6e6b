// Place repository over platform::sql.
#include "apps/daengtionary/place/repository.hpp"

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/place/sql.hpp"

namespace daengtionary::place::repository {
namespace {

place_record to_place(const platform::sql::row& row) {
  return place_record{row.as_int(0),  row.as_int(1),    row.as_text(2), row.as_text(3), row.as_text(4), row.as_text(5),
                      row.as_text(6), row.as_double(7), row.as_int(8),  row.as_int(9),  row.as_int(10)};
}

review_record to_review(const platform::sql::row& row) {
  return review_record{row.as_int(0),  row.as_int(1),   row.as_int(2), row.as_text(3),
                       row.as_text(4), row.opt_text(5), row.as_int(6)};
}

const std::string& list_statement(sort_order sort) {
  static const list_sql::sorted_statements statements(sql::list_head, sql::order_none, sql::order_new,
                                                      sql::order_popular);
  return statements.of(sort);
}

}  // namespace

std::int64_t insert_place(connection& db, std::int64_t member_no, const place_form& form, std::int64_t now) {
  return db.query(sql::insert_place, {member_no, form.title, form.category, form.content, form.address, now, now})[0]
      .as_int(0);
}

std::optional<place_record> find_place(connection& db, std::int64_t map_no) {
  auto rows = db.query(sql::find_place, {map_no});
  if (rows.empty()) return std::nullopt;
  return to_place(rows[0]);
}

void update_place(connection& db, std::int64_t map_no, const place_form& form, std::int64_t now) {
  db.execute(sql::update_place, {form.title, form.category, form.content, form.address, now, map_no});
}

void delete_place(connection& db, std::int64_t map_no) {
  db.execute(sql::delete_views, {map_no});
  db.execute(sql::delete_wishes, {map_no});
  db.execute(sql::delete_reviews, {map_no});
  db.execute(sql::delete_images, {map_no});
  db.execute(sql::delete_place, {map_no});
}

void insert_images(connection& db, std::int64_t map_no, const std::vector<std::string>& urls) {
  for (const auto& url : urls) db.execute(sql::insert_image, {map_no, url});
}

std::vector<std::string> image_urls(connection& db, std::int64_t map_no) {
  std::vector<std::string> urls;
  for (const auto& row : db.query(sql::image_urls, {map_no})) urls.push_back(row.as_text(0));
  return urls;
}

void delete_images(connection& db, std::int64_t map_no) { db.execute(sql::delete_images, {map_no}); }

std::vector<place_summary> list_places(connection& db, const place_filter& filter, sort_order sort, page paging) {
  list_sql::params params;
  list_sql::exact(params, filter.category);
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::exact(params, filter.nick);
  list_sql::substring(params, filter.address);
  list_sql::paging(params, paging);
  std::vector<place_summary> places;
  for (const auto& row : db.query(list_statement(sort), params)) {
    places.push_back(place_summary{row.as_int(0), row.as_text(1), row.as_text(2), row.as_text(3), row.as_text(4),
                                   row.as_double(5), row.opt_text(6), row.as_int(7), row.as_int(8), row.as_int(9),
                                   row.as_int(10), row.as_int(11)});
  }
  return places;
}

bool viewed(connection& db, std::int64_t map_no, const std::string& viewer, std::int64_t day) {
  return !db.query(sql::viewed, {map_no, viewer, day}).empty();
}

bool record_view(connection& db, std::int64_t map_no, const std::string& viewer, std::int64_t day) {
  return db.execute(sql::record_view, {map_no, viewer, day}) > 0;
}

void add_view(connection& db, std::int64_t map_no) { db.execute(sql::add_view, {map_no}); }

std::vector<review_record> reviews_of(connection& db, std::int64_t map_no, page paging) {
  std::vector<review_record> reviews;
  for (const auto& row : db.query(sql::reviews_of, {map_no, paging.size, paging.offset()})) {
    reviews.push_back(to_review(row));
  }
  return reviews;
}

std::optional<review_record> find_review(connection& db, std::int64_t review_no) {
  auto rows = db.query(sql::find_review, {review_no});
  if (rows.empty()) return std::nullopt;
  return to_review(rows[0]);
}

std::int64_t insert_review(connection& db, std::int64_t map_no, std::int64_t member_no, const review_form& form,
                           std::int64_t now) {
  return db.query(sql::insert_review, {member_no, map_no, form.content, form.star, now, now})[0].as_int(0);
}

void update_review(connection& db, std::int64_t review_no, const review_form& form, std::int64_t now) {
  db.execute(sql::update_review, {form.content, form.star, now, review_no});
}

void delete_review(connection& db, std::int64_t review_no) { db.execute(sql::delete_review, {review_no}); }

std::optional<double> average_star(connection& db, std::int64_t map_no) {
  auto rows = db.query(sql::average_star, {map_no});
  if (rows.empty()) return std::nullopt;
  return rows[0].opt_double(0);
}

void set_star(connection& db, std::int64_t map_no, double star) { db.execute(sql::set_star, {star, map_no}); }

}  // namespace daengtionary::place::repository
