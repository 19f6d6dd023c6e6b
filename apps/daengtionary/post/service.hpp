// The rules every kind of post shares: stored images follow their rows, a view counts once per viewer and
// day, only the author rewrites or deletes, likes toggle. Each feature's service is one of these with its own
// tables (through post::posts when a form and files create and rewrite it) and adds only its differences.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/common/upload.hpp"
#include "apps/daengtionary/post/children.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "apps/daengtionary/post/tables.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::post {

using platform::sql::connection;

// The rules inside one transaction.
//
// map_not_found for a wrong id, map_wrong_access for a member who is not the author.
result<void> check_author(connection& db, const post_tables& t, std::int64_t member_no, std::int64_t id);
// Deletes the member's own post; the image URLs to remove from storage once committed.
result<std::vector<std::string>> delete_own(connection& db, const post_tables& t, std::int64_t member_no,
                                            std::int64_t id);
// Puts new_urls in place of the post's images unless it is empty; the dropped URLs, to remove once committed.
std::vector<std::string> replace_images(connection& db, const post_tables& t, std::int64_t id,
                                        const std::vector<std::string>& new_urls);
// True when this viewer's view was new today and was added to the post's views.
bool count_view(connection& db, const post_tables& t, std::int64_t id, const std::string& viewer, std::int64_t day);

// The Asia/Seoul day number views are counted by.
std::int64_t today();

class service {
 public:
  service(platform::sql::database& db, image_uploads& images, const post_tables& tables, std::size_t max_images);

  // Stores the files (not_valid_content past max_images, wrong_image_format), then runs insert(db, urls) in a
  // transaction: it writes the post and its image rows and answers what create answers.
  template <class Insert, class Created = std::invoke_result_t<Insert&, connection&, std::vector<std::string>&>>
  asio::awaitable<result<Created>> create(std::vector<upload> files, Insert insert) {
    if (files.size() > max_images_) co_return errc::not_valid_content;
    auto stored = co_await images_.store(std::move(files));
    if (!stored) co_return stored.error();
    std::vector<std::string> urls = std::move(*stored);
    co_return co_await db_.transact(insert, std::move(urls));
  }

  // Counts the view unless the detail read found it counted today (counted_before); true when it counted.
  asio::awaitable<bool> count_view(std::int64_t id, std::string viewer, std::int64_t day, bool counted_before);

  // The author's post goes with every row that refers to it; its files once committed.
  asio::awaitable<result<void>> remove(std::int64_t member_no, std::int64_t id);
  // True when the wish was added, false when it was removed; map_not_found for an unknown post.
  asio::awaitable<result<bool>> toggle_wish(std::int64_t member_no, std::int64_t id);
  // The wish column of this kind (for the kinds that can be liked).
  wishes::target wish_target() const { return *tables_.names.wish; }

 protected:
  platform::sql::database& db_;
  image_uploads& images_;

 private:
  const post_tables& tables_;
  const std::size_t max_images_;
};

// The posts a form and files create and rewrite (places, community posts, trades): Kind names their form,
// filter, list row and detail, validate, the repository's tables, insert, rewrite, find and list, and for posts
// shown with a page of children (reviews, comments) children_of. A member function a kind cannot serve is
// never instantiated for it.
template <class Kind>
class posts : public service {
 public:
  using form = typename Kind::form;
  using detail = typename Kind::detail;

  posts(platform::sql::database& db, image_uploads& images) : service(db, images, Kind::tables(), Kind::max_images) {}

  // The new post's id; not_valid_content for the form or too many files, wrong_image_format.
  asio::awaitable<result<std::int64_t>> create(std::int64_t member_no, form fields, std::vector<upload> files) {
    if (auto valid = Kind::validate(fields); !valid) co_return valid.error();
    const auto insert = [member_no, fields = std::move(fields)](connection& db, const std::vector<std::string>& urls) {
      const std::int64_t id = Kind::insert(db, member_no, fields, now_micros());
      repository::insert_images(db, Kind::tables(), id, urls);
      return id;
    };
    co_return co_await service::create(std::move(files), insert);
  }

  asio::awaitable<std::vector<typename Kind::summary>> list(typename Kind::filter filter, sort_order sort,
                                                            page paging) {
    co_return co_await db_.run(Kind::list, std::move(filter), sort, paging);
  }

  // The member's own posts, newest first (my page), for the kinds that list them: Kind::of_member.
  asio::awaitable<std::vector<typename Kind::summary>> posts_of(std::int64_t member_no) {
    co_return co_await db_.run(Kind::of_member, member_no);
  }

  // Reads the post (with a page of its children, for the kinds that have them), then counts the view once per
  // viewer and Asia/Seoul day. viewer: "m:<member_no>" or "ip:<address>" (viewer_key).
  template <class... Children>
  asio::awaitable<result<detail>> view(std::int64_t id, std::string viewer, Children... children) {
    const std::int64_t day = today();
    auto found = co_await db_.run(read_detail<Children...>, id, viewer, day, children...);
    if (!found) co_return found.error();
    if (co_await count_view(id, std::move(viewer), day, found->viewer_counted)) ++found->post.views;
    co_return found;
  }

  // For the author only, in one transaction: the form replaces the post's columns, and the files, when sent,
  // its images (the old files are removed once committed, the new ones if it refused).
  asio::awaitable<result<void>> update(std::int64_t member_no, std::int64_t id, form fields,
                                       std::vector<upload> files) {
    if (auto valid = Kind::validate(fields); !valid) co_return valid.error();
    if (files.size() > Kind::max_images) co_return errc::not_valid_content;
    const auto write = [this, member_no, id, fields = std::move(fields)](std::vector<std::string> new_urls) {
      return db_.transact(rewrite_own, member_no, id, fields, std::move(new_urls));
    };
    co_return co_await images_.replace(std::move(files), write);
  }

 private:
  // Outside a transaction: each read stands alone, so a post deleted meanwhile shows as not found or without
  // its images and children, never half-read.
  template <class... Children>
  static result<detail> read_detail(connection& db, std::int64_t id, const std::string& viewer, std::int64_t day,
                                    Children... children) {
    auto post = Kind::find(db, id);
    if (!post) return errc::map_not_found;
    return detail{std::move(*post), repository::image_urls(db, Kind::tables(), id),
                  Kind::children_of(db, id, children)..., repository::viewed(db, Kind::tables(), id, viewer, day)};
  }

  static result<std::vector<std::string>> rewrite_own(connection& db, std::int64_t member_no, std::int64_t id,
                                                      const form& fields, const std::vector<std::string>& new_urls) {
    if (auto own = check_author(db, Kind::tables(), member_no, id); !own) return own.error();
    Kind::rewrite(db, id, fields, now_micros());
    return replace_images(db, Kind::tables(), id, new_urls);
  }
};

// posts<Kind> whose posts carry rows under them (place reviews, community comments), written by children<Rows>.
template <class Kind, class Rows>
class posts_with_children : public posts<Kind> {
 public:
  posts_with_children(platform::sql::database& db, image_uploads& images) : posts<Kind>(db, images), rows_(db) {}

  post::children<Rows>& children() { return rows_; }

 private:
  post::children<Rows> rows_;
};

}  // namespace daengtionary::post
