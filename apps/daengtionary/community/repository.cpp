// Community repository over platform::sql.
#include "apps/daengtionary/community/repository.hpp"

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/community/sql.hpp"

namespace daengtionary::community::repository {
namespace {

using platform::sql::value;

post_record to_post(const platform::sql::row& row) {
  return post_record{row.as_int(0),  row.as_int(1),  row.as_text(2), author_dog{row.opt_text(3), row.opt_text(4)},
                     row.as_text(5), row.as_text(6), row.as_text(7), row.as_int(8),
                     row.as_int(9),  row.as_int(10)};
}

post_summary to_summary(const platform::sql::row& row) {
  return post_summary{
      row.as_int(0),  row.as_int(1),  row.as_text(2), row.opt_text(3), author_dog{row.opt_text(4), row.opt_text(5)},
      row.as_text(6), row.as_text(7), row.as_int(8),  row.opt_text(9), row.as_int(10),
      row.as_int(11), row.as_int(12), row.as_int(13)};
}

std::vector<post_summary> to_summaries(const platform::sql::rows& rows) {
  std::vector<post_summary> posts;
  posts.reserve(rows.size());
  for (const auto& row : rows) posts.push_back(to_summary(row));
  return posts;
}

comment_record to_comment(const platform::sql::row& row) {
  return comment_record{row.as_int(0), row.as_int(1), row.as_int(2), row.as_text(3), row.as_text(4), row.opt_text(5)};
}

const std::string& list_statement(sort_order sort) {
  static const list_sql::sorted_statements statements(sql::list_head, sql::order_none, sql::order_new,
                                                      sql::order_popular);
  return statements.of(sort);
}

}  // namespace

std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t now) {
  return db.query(sql::insert_post, {member_no, form.category, form.title, form.content, now, now})[0].as_int(0);
}

std::optional<post_record> find_post(connection& db, std::int64_t community_no) {
  auto rows = db.query(sql::find_post, {community_no});
  if (rows.empty()) return std::nullopt;
  return to_post(rows[0]);
}

std::optional<std::int64_t> author_of(connection& db, std::int64_t community_no) {
  auto rows = db.query(sql::author_of, {community_no});
  if (rows.empty()) return std::nullopt;
  return rows[0].as_int(0);
}

void update_post(connection& db, std::int64_t community_no, const post_form& form, std::int64_t now) {
  db.execute(sql::update_post, {form.category, form.title, form.content, now, community_no});
}

void delete_post(connection& db, std::int64_t community_no) {
  db.execute(sql::delete_views, {community_no});
  db.execute(sql::delete_wishes, {community_no});
  db.execute(sql::delete_comments, {community_no});
  db.execute(sql::delete_images, {community_no});
  db.execute(sql::delete_post, {community_no});
}

void insert_images(connection& db, std::int64_t community_no, const std::vector<std::string>& urls) {
  for (const auto& url : urls) db.execute(sql::insert_image, {community_no, url});
}

std::vector<std::string> image_urls(connection& db, std::int64_t community_no) {
  std::vector<std::string> urls;
  for (const auto& row : db.query(sql::image_urls, {community_no})) urls.push_back(row.as_text(0));
  return urls;
}

void delete_images(connection& db, std::int64_t community_no) { db.execute(sql::delete_images, {community_no}); }

std::vector<post_summary> list_posts(connection& db, const post_filter& filter, sort_order sort, page paging) {
  list_sql::params params;
  list_sql::exact(params, filter.category);
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::exact(params, filter.nick);
  list_sql::paging(params, paging);
  return to_summaries(db.query(list_statement(sort), params));
}

std::vector<post_summary> posts_of(connection& db, std::int64_t member_no) {
  return to_summaries(db.query(sql::posts_of, {member_no}));
}

bool viewed(connection& db, std::int64_t community_no, const std::string& viewer, std::int64_t day) {
  return !db.query(sql::viewed, {community_no, viewer, day}).empty();
}

bool record_view(connection& db, std::int64_t community_no, const std::string& viewer, std::int64_t day) {
  return db.execute(sql::record_view, {community_no, viewer, day}) > 0;
}

void add_view(connection& db, std::int64_t community_no) { db.execute(sql::add_view, {community_no}); }

std::vector<comment_record> comments_of(connection& db, std::int64_t community_no, page paging) {
  std::vector<comment_record> comments;
  for (const auto& row : db.query(sql::comments_of, {community_no, paging.size, paging.offset()})) {
    comments.push_back(to_comment(row));
  }
  return comments;
}

std::optional<comment_record> find_comment(connection& db, std::int64_t review_no) {
  auto rows = db.query(sql::find_comment, {review_no});
  if (rows.empty()) return std::nullopt;
  return to_comment(rows[0]);
}

std::int64_t insert_comment(connection& db, std::int64_t community_no, std::int64_t member_no,
                            const std::string& content, std::int64_t now) {
  return db.query(sql::insert_comment, {member_no, community_no, content, now, now})[0].as_int(0);
}

void update_comment(connection& db, std::int64_t review_no, const std::string& content, std::int64_t now) {
  db.execute(sql::update_comment, {content, now, review_no});
}

void delete_comment(connection& db, std::int64_t review_no) { db.execute(sql::delete_comment, {review_no}); }

}  // namespace daengtionary::community::repository
