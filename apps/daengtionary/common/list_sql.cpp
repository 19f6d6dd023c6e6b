// List query parameters and statements.
#include "apps/daengtionary/common/list_sql.hpp"

namespace daengtionary::list_sql {

void exact(params& out, const std::string& text) {
  out.emplace_back(text);
  out.emplace_back(text);
}

void substring(params& out, const std::string& text) {
  out.emplace_back(text);
  out.emplace_back(like_pattern(text));
}

void paging(params& out, page paging) {
  out.emplace_back(paging.size);
  out.emplace_back(paging.offset());
}

sorted_statements::sorted_statements(std::string_view head, std::string_view none, std::string_view newest,
                                     std::string_view popular)
    : none_(std::string(head) + std::string(none)),
      newest_(std::string(head) + std::string(newest)),
      popular_(std::string(head) + std::string(popular)) {}

const std::string& sorted_statements::of(sort_order sort) const {
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

}  // namespace daengtionary::list_sql
