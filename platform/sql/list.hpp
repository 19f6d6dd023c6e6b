// List queries: filters that an empty value switches off, LIMIT/OFFSET pages, and one constant statement per
// order, so that each text is prepared once per connection whatever the filters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/sql/value.hpp"

namespace platform::sql::list {

using params = std::vector<value>;

struct page {
  std::int64_t number = 0;  // 0-based
  std::int64_t size = 0;
  std::int64_t offset() const { return number * size; }
};

// The escape character like_pattern uses; SQL writes `LOWER(col) LIKE LOWER(?) ESCAPE '!'`.
inline constexpr char like_escape = '!';

// "%<text>%" with %, _ and the escape character escaped, so the user's text matches literally.
std::string like_pattern(std::string_view text);

// The two parameters of an exact filter written `(? = '' OR col = ?)`; "" disables it.
void exact(params& out, const std::string& text);
// The two parameters of a substring filter written `(? = '' OR LOWER(col) LIKE LOWER(?) ESCAPE '!')`;
// "" disables it.
void substring(params& out, const std::string& text);
// The two parameters of a trailing `LIMIT ? OFFSET ?`.
void paging(params& out, page paging);

// A list query's head followed by each of its `ORDER BY … LIMIT ? OFFSET ?` tails, one per value of Order (an
// enum counting from 0; the tails are given in its order).
template <class Order>
class ordered_statements {
 public:
  template <class... Tails>
  explicit ordered_statements(std::string_view head, Tails... tails)
      : statements_{(std::string(head) + std::string(tails))...} {}

  const std::string& of(Order order) const { return statements_.at(static_cast<std::size_t>(order)); }

 private:
  std::vector<std::string> statements_;
};

}  // namespace platform::sql::list
