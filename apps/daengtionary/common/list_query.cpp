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

}  // namespace daengtionary
