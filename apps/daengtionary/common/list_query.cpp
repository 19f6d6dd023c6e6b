// Parsing and checking list parameters; pure, unit-tested in tests/unit/list_query_test.cpp.
#include "apps/daengtionary/common/list_query.hpp"

namespace daengtionary {

sort_order parse_sort(std::string_view text) {
  if (text == "new") return sort_order::newest;
  if (text == "popular") return sort_order::popular;
  return sort_order::none;
}

result<page> make_page(std::int64_t pagenum, std::int64_t pagesize) {
  if (pagenum < 0 || pagenum > max_page_number || pagesize < 1 || pagesize > max_page_size) {
    return errc::not_valid_content;
  }
  return page{pagenum, pagesize};
}

std::string like_pattern(std::string_view text) {
  std::string pattern = "%";
  pattern.reserve(text.size() + 2);
  for (const char c : text) {
    if (c == '%' || c == '_' || c == like_escape) pattern += like_escape;
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

void bind_exact_filter(std::vector<platform::sql::value>& params, const std::string& text) {
  params.emplace_back(text);
  params.emplace_back(text);
}

void bind_substring_filter(std::vector<platform::sql::value>& params, const std::string& text) {
  params.emplace_back(text);
  params.emplace_back(like_pattern(text));
}

}  // namespace daengtionary
