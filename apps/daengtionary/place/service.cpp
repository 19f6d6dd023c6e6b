// Place rules over the repository; stored images follow their rows (removed only after a commit).
#include "apps/daengtionary/place/service.hpp"

#include <cmath>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::place {
namespace {

using platform::sql::connection;

// Bytes, generous for Hangul (3 bytes a syllable): 100, 5000 and 200 characters.
constexpr std::size_t max_title_bytes = 300;
constexpr std::size_t max_content_bytes = 15000;
constexpr std::size_t max_address_bytes = 600;
constexpr std::size_t max_review_bytes = 3000;

// The member's own place; the errors a wrong id or a non-author get.
result<place_record> own_place(connection& db, std::int64_t member_no, std::int64_t map_no) {
  auto place = repository::find_place(db, map_no);
  if (!place) return errc::map_not_found;
  if (place->member_no != member_no) return errc::map_wrong_access;
  return *place;
}

void refresh_star(connection& db, std::int64_t map_no) {
  const auto average = repository::average_star(db, map_no);
  repository::set_star(db, map_no, average ? rounded_star(*average) : 0.0);
}

void create_place(connection& db, std::int64_t member_no, const place_form& form,
                  const std::vector<std::string>& urls) {
  const std::int64_t map_no = repository::insert_place(db, member_no, form, now_micros());
  repository::insert_images(db, map_no, urls);
}

// Outside a transaction: each read stands alone, so a place deleted meanwhile shows as not found or
// without its images and reviews, never half-read.
result<place_detail> read_detail(connection& db, std::int64_t map_no, const std::string& viewer, std::int64_t day,
                                 page reviews) {
  auto place = repository::find_place(db, map_no);
  if (!place) return errc::map_not_found;
  return place_detail{std::move(*place), repository::image_urls(db, map_no),
                      repository::reviews_of(db, map_no, reviews), repository::viewed(db, map_no, viewer, day)};
}

bool count_view(connection& db, std::int64_t map_no, const std::string& viewer, std::int64_t day) {
  if (!repository::record_view(db, map_no, viewer, day)) return false;
  repository::add_view(db, map_no);
  return true;
}

// The image URLs to remove from storage once committed: the old ones when new ones replaced them.
result<std::vector<std::string>> rewrite_own_place(connection& db, std::int64_t member_no, std::int64_t map_no,
                                                   const place_form& form, const std::vector<std::string>& new_urls) {
  auto place = own_place(db, member_no, map_no);
  if (!place) return place.error();
  repository::update_place(db, map_no, form, now_micros());
  if (new_urls.empty()) return std::vector<std::string>{};
  auto old_urls = repository::image_urls(db, map_no);
  repository::delete_images(db, map_no);
  repository::insert_images(db, map_no, new_urls);
  return old_urls;
}

result<std::vector<std::string>> delete_own_place(connection& db, std::int64_t member_no, std::int64_t map_no) {
  auto place = own_place(db, member_no, map_no);
  if (!place) return place.error();
  auto urls = repository::image_urls(db, map_no);
  repository::delete_place(db, map_no);
  return urls;
}

result<review_record> insert_review(connection& db, std::int64_t member_no, std::int64_t map_no,
                                    const review_form& form) {
  if (!repository::find_place(db, map_no)) return errc::map_not_found;
  const std::int64_t review_no = repository::insert_review(db, map_no, member_no, form, now_micros());
  refresh_star(db, map_no);
  return *repository::find_review(db, review_no);
}

// The member's own review of that place; the errors a wrong place, review or author get.
result<review_record> own_review(connection& db, std::int64_t member_no, std::int64_t map_no, std::int64_t review_no) {
  if (!repository::find_place(db, map_no)) return errc::map_not_found;
  auto review = repository::find_review(db, review_no);
  if (!review || review->map_no != map_no) return errc::review_not_found;
  if (review->member_no != member_no) return errc::map_wrong_access;
  return *review;
}

result<review_record> rewrite_own_review(connection& db, std::int64_t member_no, std::int64_t map_no,
                                         std::int64_t review_no, const review_form& form) {
  auto review = own_review(db, member_no, map_no, review_no);
  if (!review) return review;
  repository::update_review(db, review_no, form, now_micros());
  refresh_star(db, map_no);
  return *repository::find_review(db, review_no);
}

result<void> delete_own_review(connection& db, std::int64_t member_no, std::int64_t map_no, std::int64_t review_no) {
  auto review = own_review(db, member_no, map_no, review_no);
  if (!review) return review.error();
  repository::delete_review(db, review_no);
  refresh_star(db, map_no);
  return {};
}

}  // namespace

result<void> validate(const place_form& form) {
  const bool valid = !is_blank(form.title) && form.title.size() <= max_title_bytes &&
                     (form.category == "hospital" || form.category == "room" || form.category == "shop") &&
                     form.content.size() <= max_content_bytes && !is_blank(form.address) &&
                     form.address.size() <= max_address_bytes;
  if (!valid) return errc::not_valid_content;
  return {};
}

result<void> validate(const review_form& form) {
  const bool valid =
      !is_blank(form.content) && form.content.size() <= max_review_bytes && form.star >= 1 && form.star <= 5;
  if (!valid) return errc::not_valid_content;
  return {};
}

double rounded_star(double average) { return std::round(average * 1000) / 1000; }

service::service(platform::sql::database& db, image_uploads& images) : db_(db), images_(images) {}

asio::awaitable<result<void>> service::create(std::int64_t member_no, place_form form, std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  if (files.size() > max_images) co_return errc::not_valid_content;
  auto stored = co_await images_.store(std::move(files));
  if (!stored) co_return stored.error();
  const std::vector<std::string> urls = std::move(*stored);
  co_await db_.transact(create_place, member_no, std::move(form), urls);
  co_return result<void>();
}

asio::awaitable<std::vector<place_summary>> service::list(place_filter filter, sort_order sort, page paging) {
  co_return co_await db_.run(repository::list_places, std::move(filter), sort, paging);
}

asio::awaitable<result<place_detail>> service::view(std::int64_t map_no, std::string viewer, page reviews) {
  const std::int64_t day = seoul_day(now_micros());
  auto found = co_await db_.run(read_detail, map_no, viewer, day, reviews);
  if (!found) co_return found.error();
  // A viewer already counted today costs no write, so refreshing a page neither writes nor retires the
  // cached list pages.
  if (!found->viewer_counted) {
    const bool counted = co_await db_.transact(count_view, map_no, std::move(viewer), day);
    if (counted) ++found->place.views;
  }
  co_return found;
}

asio::awaitable<result<void>> service::update(std::int64_t member_no, std::int64_t map_no, place_form form,
                                              std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  if (files.size() > max_images) co_return errc::not_valid_content;
  const auto rewrite = [this, member_no, map_no, form = std::move(form)](std::vector<std::string> new_urls) {
    return db_.transact(rewrite_own_place, member_no, map_no, form, std::move(new_urls));
  };
  co_return co_await images_.replace(std::move(files), rewrite);
}

asio::awaitable<result<void>> service::remove(std::int64_t member_no, std::int64_t map_no) {
  auto urls = co_await db_.transact(delete_own_place, member_no, map_no);
  if (!urls) co_return urls.error();
  co_await images_.remove(std::move(*urls));
  co_return result<void>();
}

asio::awaitable<result<review_record>> service::add_review(std::int64_t member_no, std::int64_t map_no,
                                                           review_form form) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  co_return co_await db_.transact(insert_review, member_no, map_no, std::move(form));
}

asio::awaitable<result<review_record>> service::update_review(std::int64_t member_no, std::int64_t map_no,
                                                              std::int64_t review_no, review_form form) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  co_return co_await db_.transact(rewrite_own_review, member_no, map_no, review_no, std::move(form));
}

asio::awaitable<result<void>> service::delete_review(std::int64_t member_no, std::int64_t map_no,
                                                     std::int64_t review_no) {
  co_return co_await db_.transact(delete_own_review, member_no, map_no, review_no);
}

asio::awaitable<result<bool>> service::toggle_wish(std::int64_t member_no, std::int64_t map_no) {
  co_return co_await db_.transact(wishes::toggle, member_no, wishes::target::map, map_no);
}

}  // namespace daengtionary::place
