// Place rules: validation, star averages, reviews; the post shape (images, views, authorship, likes) is
// post::service's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/common/upload.hpp"
#include "apps/daengtionary/place/dto.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "apps/daengtionary/post/children.hpp"
#include "apps/daengtionary/post/service.hpp"

namespace daengtionary::place {

inline constexpr std::size_t max_images = 10;

// Reviews as post::children writes them; each change re-averages the place's star.
struct review_rows {
  using record = review_record;
  using form = review_form;
  static constexpr auto tables = repository::tables;
  static constexpr auto find = repository::find_review;
  static constexpr auto insert = repository::insert_review;
  static constexpr auto update = repository::update_review;
  static constexpr auto remove = repository::delete_review;
  static std::int64_t post_of(const review_record& review) { return review.map_no; }
  static result<void> validate(const review_form& review);
  static void changed(platform::sql::connection& db, std::int64_t map_no);
};

class service : public post::service {
 public:
  service(platform::sql::database& db, image_uploads& images);

  asio::awaitable<result<std::int64_t>> create(std::int64_t member_no, place_form form, std::vector<upload> files);
  asio::awaitable<std::vector<place_summary>> list(place_filter filter, sort_order sort, page paging);
  // Counts the view once per viewer and Asia/Seoul day, then reads the place with one page of reviews.
  // viewer: "m:<member_no>" or "ip:<address>".
  asio::awaitable<result<place_detail>> view(std::int64_t map_no, std::string viewer, page reviews);
  // Keeps the images unless files are sent; then they replace the old ones.
  asio::awaitable<result<void>> update(std::int64_t member_no, std::int64_t map_no, place_form form,
                                       std::vector<upload> files);

  post::children<review_rows>& children() { return reviews_; }

 private:
  post::children<review_rows> reviews_;
};

// not_valid_content unless the form is a place the frontend could have sent (category included).
result<void> validate(const place_form& form);
// not_valid_content unless the content is non-blank and not too long and 1 <= star <= 5.
result<void> validate(const review_form& form);
inline result<void> review_rows::validate(const review_form& review) { return place::validate(review); }
// round(avg * 1000) / 1000, as the original.
double rounded_star(double average);

}  // namespace daengtionary::place
