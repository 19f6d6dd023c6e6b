// The shared post rules over the shared post rows.
#include "apps/daengtionary/post/service.hpp"

#include <functional>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/post/repository.hpp"

namespace daengtionary::post {

result<void> check_author(connection& db, const post_tables& t, std::int64_t member_no, std::int64_t id) {
  const auto author = repository::author_of(db, t, id);
  if (!author) return errc::map_not_found;
  if (*author != member_no) return errc::map_wrong_access;
  return {};
}

result<std::vector<std::string>> delete_own(connection& db, const post_tables& t, std::int64_t member_no,
                                            std::int64_t id) {
  if (auto own = check_author(db, t, member_no, id); !own) return own.error();
  auto urls = repository::image_urls(db, t, id);
  repository::delete_post(db, t, id);
  return urls;
}

std::vector<std::string> replace_images(connection& db, const post_tables& t, std::int64_t id,
                                        const std::vector<std::string>& new_urls) {
  if (new_urls.empty()) return {};
  auto old_urls = repository::image_urls(db, t, id);
  repository::delete_images(db, t, id);
  repository::insert_images(db, t, id, new_urls);
  return old_urls;
}

bool count_view(connection& db, const post_tables& t, std::int64_t id, const std::string& viewer, std::int64_t day) {
  if (!repository::record_view(db, t, id, viewer, day)) return false;
  repository::add_view(db, t, id);
  return true;
}

std::int64_t today() { return seoul_day(now_micros()); }

service::service(platform::sql::database& db, image_uploads& images, const post_tables& tables, std::size_t max_images)
    : db_(db), images_(images), tables_(tables), max_images_(max_images) {}

asio::awaitable<bool> service::count_view(std::int64_t id, std::string viewer, std::int64_t day, bool counted_before) {
  // A viewer already counted today costs no write, so refreshing a page neither writes nor retires the
  // cached list pages.
  if (counted_before) co_return false;
  co_return co_await db_.transact(post::count_view, std::cref(tables_), id, std::move(viewer), day);
}

asio::awaitable<result<void>> service::remove(std::int64_t member_no, std::int64_t id) {
  auto urls = co_await db_.transact(delete_own, std::cref(tables_), member_no, id);
  if (!urls) co_return urls.error();
  co_await images_.remove(std::move(*urls));
  co_return result<void>();
}

asio::awaitable<result<bool>> service::toggle_wish(std::int64_t member_no, std::int64_t id) {
  co_return co_await db_.transact(wishes::toggle, member_no, *tables_.names.wish, id);
}

}  // namespace daengtionary::post
