// Paging, sort and text-filter parameters shared by the list endpoints (contract §1.5), validated.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apps/daengtionary/common/errc.hpp"
#include "platform/sql/value.hpp"

namespace daengtionary {

// `sort`: "new" → created_at DESC, "popular" → view DESC, anything else (including "") → id only;
// every order ends with the id DESC.
enum class sort_order { none, newest, popular };

sort_order parse_sort(std::string_view text);

struct page {
  std::int64_t number = 0;  // 0-based
  std::int64_t size = 0;
  std::int64_t offset() const { return number * size; }
};

inline constexpr std::int64_t max_page_size = 100;
// Keeps number * size far from overflow; nobody pages a million pages deep.
inline constexpr std::int64_t max_page_number = 1'000'000;

// not_valid_content unless 0 <= pagenum <= max_page_number and 1 <= pagesize <= max_page_size.
result<page> make_page(std::int64_t pagenum, std::int64_t pagesize);

// The escape character like_pattern uses; SQL writes `LOWER(col) LIKE LOWER(?) ESCAPE '!'`.
inline constexpr char like_escape = '!';

// "%<text>%" with %, _ and the escape character escaped, so the user's text matches literally.
std::string like_pattern(std::string_view text);

// The two parameters of an exact filter written `(? = '' OR col = ?)`: "" disables it.
void bind_exact_filter(std::vector<platform::sql::value>& params, const std::string& text);
// The two parameters of a substring filter written `(? = '' OR LOWER(col) LIKE LOWER(?) ESCAPE '!')`.
void bind_substring_filter(std::vector<platform::sql::value>& params, const std::string& text);

}  // namespace daengtionary
