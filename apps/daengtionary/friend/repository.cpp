// Matching repository over platform::sql.
#include "apps/daengtionary/friend/repository.hpp"

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/friend/sql.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/sql/records.hpp"

namespace daengtionary::matching::repository {
namespace records = platform::sql::records;
namespace {

using platform::sql::row;

author_record to_author(const row& r) {
  return author_record{r.as_int("member_no"), r.as_text("nick"), r.as_text("role"), r.as_int("author_created_at"),
                       r.as_int("author_modified_at")};
}

}  // namespace

const post::post_tables& tables() {
  static const post::post_tables matching(
      {.table = "friend", .image_url = "friend_img", .counts_views = false, .wish = std::nullopt});
  return matching;
}

std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t room_no,
                         std::int64_t now) {
  return db
      .query(sql::insert_post,
             {member_no, form.address, form.category, form.title, form.content, form.max_count, room_no, now, now})[0]
      .as_int("friend_no");
}

std::optional<post_record> find_post(connection& db, std::int64_t friend_no) {
  return records::first_of<post_record>(db.query(sql::find_post, {friend_no}));
}

std::optional<post_detail> find_detail(connection& db, std::int64_t friend_no) {
  auto rows = db.query(sql::find_post, {friend_no});
  if (rows.empty()) return std::nullopt;
  return post_detail{records::read<post_record>(rows[0]),
                     to_author(rows[0]),
                     {},
                     post::repository::images_of(db, tables(), friend_no)};
}

void update_post(connection& db, std::int64_t friend_no, const post_form& form, std::int64_t now) {
  db.execute(sql::update_post,
             {form.address, form.category, form.title, form.content, form.max_count, form.max_count, now, friend_no});
}

std::vector<post_summary> list_posts(connection& db, const post_filter& filter, page paging) {
  list_sql::params params;
  list_sql::exact(params, filter.category);
  list_sql::substring(params, filter.address);
  list_sql::substring(params, filter.title);
  list_sql::substring(params, filter.content);
  list_sql::paging(params, paging);
  return records::all_of<post_summary>(db.query(sql::list_posts, params));
}

bool insert_join(connection& db, std::int64_t friend_no, std::int64_t member_no, std::int64_t now) {
  return db.execute(sql::insert_join, {friend_no, member_no, now}) > 0;
}

void delete_join(connection& db, std::int64_t friend_no, std::int64_t member_no) {
  db.execute(sql::delete_join, {friend_no, member_no});
}

bool take_seat(connection& db, std::int64_t friend_no) { return db.execute(sql::take_seat, {friend_no}) > 0; }

}  // namespace daengtionary::matching::repository
