// Community repository over platform::sql.
#include "apps/daengtionary/community/repository.hpp"

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/community/sql.hpp"
#include "apps/daengtionary/post/rows.hpp"

namespace daengtionary::community::repository {
namespace {

using platform::sql::row;

author_dog dog_of(const row& r) { return author_dog{r.opt_text("breed"), r.opt_text("dog_image")}; }

post_record to_post(const row& r) {
  return post_record{r.as_int("community_no"), r.as_int("member_no"),  r.as_text("nick"),    dog_of(r),
                     r.as_text("category"),    r.as_text("title"),     r.as_text("content"), r.as_int("views"),
                     r.as_int("created_at"),   r.as_int("modified_at")};
}

post_summary to_summary(const row& r) {
  return post_summary{r.as_int("community_no"),
                      r.as_int("member_no"),
                      r.as_text("nick"),
                      r.opt_text("email"),
                      dog_of(r),
                      r.as_text("title"),
                      r.as_text("category"),
                      r.as_int("views"),
                      r.opt_text("image"),
                      r.as_int("review_count"),
                      r.as_int("wish_count"),
                      r.as_int("created_at"),
                      r.as_int("modified_at")};
}

comment_record to_comment(const row& r) {
  return comment_record{r.as_int("community_review_no"),
                        r.as_int("community_no"),
                        r.as_int("member_no"),
                        r.as_text("nick"),
                        r.as_text("content"),
                        r.opt_text("image")};
}

std::string summaries(const char* where) {
  return std::string(sql::summary_columns) + sql::author_dog_columns + sql::summary_from + where;
}

const std::string& list_statement(sort_order sort) {
  static const list_sql::sorted_statements statements(summaries(sql::list_filters), sql::order_none, sql::order_new,
                                                      sql::order_popular);
  return statements.of(sort);
}

}  // namespace

const post::post_tables& tables() {
  static const post::post_tables community({.table = "community",
                                            .id = "community_no",
                                            .image_table = "community_img",
                                            .image_id = "community_img_no",
                                            .image_url = "community_img_url",
                                            .view_table = "community_view",
                                            .wish = wishes::target::community});
  return community;
}

std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t now) {
  return db.query(sql::insert_post, {member_no, form.category, form.title, form.content, now, now})[0].as_int(
      "community_no");
}

std::optional<post_record> find_post(connection& db, std::int64_t community_no) {
  static const std::string statement = std::string(sql::post_columns) + sql::author_dog_columns + sql::find_post;
  return post::first_of(db.query(statement, {community_no}), to_post);
}

void update_post(connection& db, std::int64_t community_no, const post_form& form, std::int64_t now) {
  db.execute(sql::update_post, {form.category, form.title, form.content, now, community_no});
}

std::vector<post_summary> list_posts(connection& db, const post_filter& filter, sort_order sort, page paging) {
  list_sql::params params;
  list_sql::exact(params, filter.category);
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::exact(params, filter.nick);
  list_sql::paging(params, paging);
  return post::all_of(db.query(list_statement(sort), params), to_summary);
}

std::vector<post_summary> posts_of(connection& db, std::int64_t member_no) {
  static const std::string statement = summaries(sql::posts_of);
  return post::all_of(db.query(statement, {member_no}), to_summary);
}

std::vector<comment_record> comments_of(connection& db, std::int64_t community_no, page paging) {
  static const std::string statement = std::string(sql::comment_columns) + sql::comments_of;
  return post::all_of(db.query(statement, {community_no, paging.size, paging.offset()}), to_comment);
}

std::optional<comment_record> find_comment(connection& db, std::int64_t review_no) {
  static const std::string statement = std::string(sql::comment_columns) + sql::find_comment;
  return post::first_of(db.query(statement, {review_no}), to_comment);
}

std::int64_t insert_comment(connection& db, std::int64_t community_no, std::int64_t member_no,
                            const std::string& content, std::int64_t now) {
  return db.query(sql::insert_comment, {member_no, community_no, content, now, now})[0].as_int("community_review_no");
}

void update_comment(connection& db, std::int64_t review_no, const std::string& content, std::int64_t now) {
  db.execute(sql::update_comment, {content, now, review_no});
}

void delete_comment(connection& db, std::int64_t review_no) { db.execute(sql::delete_comment, {review_no}); }

}  // namespace daengtionary::community::repository
