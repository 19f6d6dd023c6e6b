// Matching repository over platform::sql.
#include "apps/daengtionary/friend/repository.hpp"

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/friend/sql.hpp"

namespace daengtionary::matching::repository {

std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t room_no,
                         std::int64_t now) {
  return db
      .query(sql::insert_post,
             {member_no, form.address, form.category, form.title, form.content, form.max_count, room_no, now, now})[0]
      .as_int(0);
}

std::optional<post_record> find_post(connection& db, std::int64_t friend_no) {
  auto rows = db.query(sql::find_post, {friend_no});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  return post_record{row.as_int(0),  row.as_int(1), row.as_text(2), row.as_text(3), row.as_text(4), row.as_text(5),
                     row.as_text(6), row.as_int(7), row.as_int(8),  row.as_int(9),  row.as_int(10), row.as_int(11)};
}

void update_post(connection& db, std::int64_t friend_no, const post_form& form, std::int64_t now) {
  db.execute(sql::update_post,
             {form.address, form.category, form.title, form.content, form.max_count, form.max_count, now, friend_no});
}

void delete_post(connection& db, std::int64_t friend_no) {
  db.execute(sql::delete_joins, {friend_no});
  db.execute(sql::delete_images, {friend_no});
  db.execute(sql::delete_post, {friend_no});
}

void insert_images(connection& db, std::int64_t friend_no, const std::vector<std::string>& urls) {
  for (const auto& url : urls) db.execute(sql::insert_image, {friend_no, url});
}

std::vector<post_image> images_of(connection& db, std::int64_t friend_no) {
  std::vector<post_image> images;
  for (const auto& row : db.query(sql::images_of, {friend_no})) images.push_back({row.as_int(0), row.as_text(1)});
  return images;
}

std::vector<post_summary> list_posts(connection& db, const post_filter& filter, page paging) {
  list_sql::params params;
  list_sql::exact(params, filter.category);
  list_sql::substring(params, filter.address);
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::paging(params, paging);
  std::vector<post_summary> posts;
  for (const auto& row : db.query(sql::list_posts, params)) {
    posts.push_back(post_summary{row.as_int(0), row.as_text(1), row.as_text(2), row.as_text(3), row.as_text(4),
                                 row.as_text(5), row.as_int(6), row.as_int(7), row.opt_text(8), row.as_int(9),
                                 row.as_int(10)});
  }
  return posts;
}

bool insert_join(connection& db, std::int64_t friend_no, std::int64_t member_no, std::int64_t now) {
  return db.execute(sql::insert_join, {friend_no, member_no, now}) > 0;
}

void delete_join(connection& db, std::int64_t friend_no, std::int64_t member_no) {
  db.execute(sql::delete_join, {friend_no, member_no});
}

bool take_seat(connection& db, std::int64_t friend_no) { return db.execute(sql::take_seat, {friend_no}) > 0; }

}  // namespace daengtionary::matching::repository
