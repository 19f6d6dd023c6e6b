// Place rules over the place repository and the shared post rules.
#include "apps/daengtionary/place/service.hpp"

#include <cmath>

#include "apps/daengtionary/common/text.hpp"

namespace daengtionary::place {
namespace {

using platform::sql::connection;

// Bytes, generous for Hangul (3 bytes a syllable): 100, 5000 and 200 characters.
constexpr std::size_t max_title_bytes = 300;
constexpr std::size_t max_content_bytes = 15000;
constexpr std::size_t max_address_bytes = 600;
constexpr std::size_t max_review_bytes = 3000;

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

}  // namespace daengtionary::place
