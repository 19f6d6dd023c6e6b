// The rules every kind of post shares: stored images follow their rows, a view counts once per viewer and
// day, only the author rewrites or deletes, likes toggle. Each feature's service is one of these with its own
// tables and adds only its differences (its create and update hide these, which they call).
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/upload.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
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

  // In one transaction for the author only: rewrite(db) writes the post's own columns, and the files, when
  // sent, replace its images (the old files are removed once committed, the new ones if it refused).
  template <class Rewrite>
  asio::awaitable<result<void>> update(std::int64_t member_no, std::int64_t id, std::vector<upload> files,
                                       Rewrite rewrite) {
    if (files.size() > max_images_) co_return errc::not_valid_content;
    const auto write = [this, member_no, id, rewrite = std::move(rewrite)](std::vector<std::string> new_urls) {
      return db_.transact(rewrite_own<Rewrite>, &tables_, member_no, id, rewrite, std::move(new_urls));
    };
    co_return co_await images_.replace(std::move(files), write);
  }

  // The author's post goes with every row that refers to it; its files once committed.
  asio::awaitable<result<void>> remove(std::int64_t member_no, std::int64_t id);
  // True when the wish was added, false when it was removed; map_not_found for an unknown post.
  asio::awaitable<result<bool>> toggle_wish(std::int64_t member_no, std::int64_t id);

 private:
  template <class Rewrite>
  static result<std::vector<std::string>> rewrite_own(connection& db, const post_tables* t, std::int64_t member_no,
                                                      std::int64_t id, const Rewrite& rewrite,
                                                      const std::vector<std::string>& new_urls) {
    if (auto own = check_author(db, *t, member_no, id); !own) return own.error();
    rewrite(db);
    return replace_images(db, *t, id, new_urls);
  }

 protected:
  platform::sql::database& db_;

 private:
  image_uploads& images_;
  const post_tables& tables_;
  const std::size_t max_images_;
};

}  // namespace daengtionary::post
