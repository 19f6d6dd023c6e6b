// Building list statements and binding their filters.
#include "apps/daengtionary/common/list_sql.hpp"

namespace daengtionary {

list_statements::list_statements(std::string_view head, std::string_view order_none, std::string_view order_new,
                                 std::string_view order_popular)
    : none_(std::string(head) + std::string(order_none)),
      newest_(std::string(head) + std::string(order_new)),
      popular_(std::string(head) + std::string(order_popular)) {}

const std::string& list_statements::operator()(sort_order sort) const {
  switch (sort) {
    case sort_order::newest:
      return newest_;
    case sort_order::popular:
      return popular_;
    case sort_order::none:
      break;
  }
  return none_;
}

void bind_exact(std::vector<platform::sql::value>& params, const std::string& text) {
  params.emplace_back(text);
  params.emplace_back(text);
}

void bind_substring(std::vector<platform::sql::value>& params, const std::string& text) {
  params.emplace_back(text);
  params.emplace_back(like_pattern(text));
}

void bind_page(std::vector<platform::sql::value>& params, page paging) {
  params.emplace_back(paging.size);
  params.emplace_back(paging.offset());
}

}  // namespace daengtionary
