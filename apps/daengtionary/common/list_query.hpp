// Paging, sort and text-filter parameters shared by the list endpoints (contract §1.5), validated.
#pragma once

#include <cstdint>
#include <string_view>

#include "apps/daengtionary/common/errc.hpp"
#include "platform/sql/list.hpp"

namespace daengtionary {

// `sort`: "new" → created_at DESC, "popular" → view DESC, anything else (including "") → id only;
// every order ends with the id DESC.
enum class sort_order { none, newest, popular };

sort_order parse_sort(std::string_view text);

using platform::sql::list::page;

inline constexpr std::int64_t max_page_size = 100;
// Keeps number * size far from overflow; nobody pages a million pages deep.
inline constexpr std::int64_t max_page_number = 1'000'000;

// not_valid_content unless 0 <= pagenum <= max_page_number and 1 <= pagesize <= max_page_size.
result<page> make_page(std::int64_t pagenum, std::int64_t pagesize);

// Text filters match the user's text literally.
using platform::sql::list::like_pattern;

}  // namespace daengtionary
