// Place rules over the place repository and the shared post rules.
#include "apps/daengtionary/place/service.hpp"

#include <cmath>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::place {
namespace {

using platform::sql::connection;

// Bytes, generous for Hangul (3 bytes a syllable): 100, 5000 and 200 characters.
constexpr std::size_t max_title_bytes = 300;
constexpr std::size_t max_content_bytes = 15000;
constexpr std::size_t max_address_bytes = 600;
constexpr std::size_t max_review_bytes = 3000;

// Outside a transaction: each read stands alone, so a place deleted meanwhile shows as not found or
// without its images and reviews, never half-read.
result<place_detail> read_detail(connection& db, std::int64_t map_no, const std::string& viewer, std::int64_t day,
                                 page reviews) {
  auto place = repository::find_place(db, map_no);
  if (!place) return errc::map_not_found;
  return place_detail{std::move(*place), post::repository::image_urls(db, repository::tables(), map_no),
                      repository::reviews_of(db, map_no, reviews),
                      post::repository::viewed(db, repository::tables(), map_no, viewer, day)};
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

void review_rows::changed(connection& db, std::int64_t map_no) {
  const auto average = repository::average_star(db, map_no);
  repository::set_star(db, map_no, average ? rounded_star(*average) : 0.0);
}

service::service(platform::sql::database& db, image_uploads& images)
    : post::service(db, images, repository::tables(), max_images), reviews_(db) {}

asio::awaitable<result<std::int64_t>> service::create(std::int64_t member_no, place_form form,
                                                      std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  const auto insert = [member_no, form = std::move(form)](connection& db, const std::vector<std::string>& urls) {
    const std::int64_t map_no = repository::insert_place(db, member_no, form, now_micros());
    post::repository::insert_images(db, repository::tables(), map_no, urls);
    return map_no;
  };
  co_return co_await post::service::create(std::move(files), insert);
}

asio::awaitable<std::vector<place_summary>> service::list(place_filter filter, sort_order sort, page paging) {
  co_return co_await db_.run(repository::list_places, std::move(filter), sort, paging);
}

asio::awaitable<result<place_detail>> service::view(std::int64_t map_no, std::string viewer, page reviews) {
  const std::int64_t day = post::today();
  auto found = co_await db_.run(read_detail, map_no, viewer, day, reviews);
  if (!found) co_return found.error();
  if (co_await count_view(map_no, std::move(viewer), day, found->viewer_counted)) ++found->place.views;
  co_return found;
}

asio::awaitable<result<void>> service::update(std::int64_t member_no, std::int64_t map_no, place_form form,
                                              std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  const auto rewrite = [map_no, form = std::move(form)](connection& db) {
    repository::update_place(db, map_no, form, now_micros());
  };
  co_return co_await post::service::update(member_no, map_no, std::move(files), rewrite);
}

}  // namespace daengtionary::place
