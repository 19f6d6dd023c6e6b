// Community repository over platform::sql.
#include "apps/daengtionary/community/repository.hpp"

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/community/sql.hpp"
#include "platform/sql/records.hpp"

namespace daengtionary::community::repository {
namespace records = platform::sql::records;
namespace {

using platform::sql::row;

// The author's dog has columns of its own (breed, dog_image), apart from the post's image.
template <class Post>
Post with_dog(const row& r) {
  Post post = records::read<Post>(r);
  post.dog = author_dog{r.opt_text("breed"), r.opt_text("dog_image")};
  return post;
}

std::string summaries(const char* where) {
  return std::string(sql::summary_columns) + sql::author_dog_columns + sql::summary_from + where;
}

}  // namespace

const post::post_tables& tables() {
  static const post::post_tables community({.table = "community",
                                            .image_url = "community_img_url",
                                            .counts_views = true,
                                            .wish = wishes::target::community});
  return community;
}

std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t now) {
  return db.query(sql::insert_post, {member_no, form.category, form.title, form.content, now, now})[0].as_int(
      "community_no");
}

std::optional<post_record> find_post(connection& db, std::int64_t community_no) {
  static const std::string statement = std::string(sql::post_columns) + sql::author_dog_columns + sql::find_post;
  return records::first_of(db.query(statement, {community_no}), with_dog<post_record>);
}

void update_post(connection& db, std::int64_t community_no, const post_form& form, std::int64_t now) {
  db.execute(sql::update_post, {form.category, form.title, form.content, now, community_no});
}

std::vector<post_summary> list_posts(connection& db, const post_filter& filter, sort_order sort, page paging) {
  static const auto statements = list_sql::sorted_posts(summaries(sql::list_filters), "c", "community");
  list_sql::params params;
  list_sql::exact(params, filter.category);
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::exact(params, filter.nick);
  list_sql::paging(params, paging);
  return records::all_of(db.query(statements.of(sort), params), with_dog<post_summary>);
}

std::vector<post_summary> posts_of(connection& db, std::int64_t member_no) {
  static const std::string statement = summaries(sql::posts_of);
  return records::all_of(db.query(statement, {member_no}), with_dog<post_summary>);
}

std::vector<comment_record> comments_of(connection& db, std::int64_t community_no, page paging) {
  static const std::string statement = std::string(sql::comment_columns) + sql::comments_of;
  return records::all_of<comment_record>(db.query(statement, {community_no, paging.size, paging.offset()}));
}

std::optional<comment_record> find_comment(connection& db, std::int64_t review_no) {
  static const std::string statement = std::string(sql::comment_columns) + sql::find_comment;
  return records::first_of<comment_record>(db.query(statement, {review_no}));
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
