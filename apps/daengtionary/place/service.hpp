// Place rules: validation, star averages, reviews; the post shape (images, views, authorship, likes) is
// post::posts'.
#pragma once

#include <cstdint>

#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/place/dto.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "apps/daengtionary/post/service.hpp"

namespace daengtionary::place {

inline constexpr std::size_t max_images = 10;

// not_valid_content unless the form is a place the frontend could have sent (category included).
result<void> validate(const place_form& form);
// not_valid_content unless the content is non-blank and not too long and 1 <= star <= 5.
result<void> validate(const review_form& form);
// round(avg * 1000) / 1000, as the original.
double rounded_star(double average);

// Places as post::posts writes and reads them: the detail shows a page of reviews, newest first.
struct place_kind {
  using form = place_form;
  using filter = place_filter;
  using summary = place_summary;
  using detail = place_detail;
  static constexpr std::size_t max_images = place::max_images;
  static constexpr auto tables = repository::tables;
  static constexpr auto insert = repository::insert_place;
  static constexpr auto rewrite = repository::update_place;
  static constexpr auto find = repository::find_place;
  static constexpr auto list = repository::list_places;
  static constexpr auto children_of = repository::reviews_of;
  static result<void> validate(const place_form& form) { return place::validate(form); }
};

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
  static result<void> validate(const review_form& review) { return place::validate(review); }
  static void changed(platform::sql::connection& db, std::int64_t map_no);
};

class service : public post::posts_with_children<place_kind, review_rows> {
 public:
  using posts_with_children::posts_with_children;
};

}  // namespace daengtionary::place
