// Community rules over the community repository and the shared post rules.
#include "apps/daengtionary/community/service.hpp"

#include <algorithm>
#include <array>

#include "apps/daengtionary/common/text.hpp"

namespace daengtionary::community {
namespace {

// Bytes, generous for Hangul (3 bytes a syllable): 100, 5000 and 1000 characters.
constexpr std::size_t max_title_bytes = 300;
constexpr std::size_t max_content_bytes = 15000;
constexpr std::size_t max_comment_bytes = 3000;

// The frontend's choices; "" is its "없음" (not chosen).
constexpr std::array<std::string_view, 5> categories{"장터", "호텔", "병원", "자유", ""};

}  // namespace

result<void> validate(const post_form& form) {
  // JSON already guarantees UTF-8, but "\u0000" decodes to a NUL that PostgreSQL refuses.
  const bool valid = !is_blank(form.title) && form.title.size() <= max_title_bytes &&
                     form.content.size() <= max_content_bytes && is_storable_text(form.title) &&
                     is_storable_text(form.content) && std::ranges::find(categories, form.category) != categories.end();
  if (!valid) return errc::not_valid_content;
  return {};
}

result<void> validate_comment(std::string_view content) {
  if (!is_storable_text(content) || is_blank(content) || content.size() > max_comment_bytes) {
    return errc::not_valid_content;
  }
  return {};
}

}  // namespace daengtionary::community
