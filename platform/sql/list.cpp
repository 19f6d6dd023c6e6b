// List query parameters.
#include "platform/sql/list.hpp"

namespace platform::sql::list {

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

}  // namespace platform::sql::list
