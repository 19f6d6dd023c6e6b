// The SQL side of the list endpoints (contract §1.5): one statement per sort order and the bound filters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "platform/sql/value.hpp"

namespace daengtionary {

// A list's three statements, one per sort: the same head (SELECT … WHERE …) and its own ORDER BY … LIMIT …
// tail. The texts are constant, so each is prepared once per connection.
class list_statements {
 public:
  list_statements(std::string_view head, std::string_view order_none, std::string_view order_new,
                  std::string_view order_popular);

  const std::string& operator()(sort_order sort) const;

 private:
  std::string none_;
  std::string newest_;
  std::string popular_;
};

// The two parameters of an exact filter written `(? = '' OR col = ?)`: "" disables it.
void bind_exact(std::vector<platform::sql::value>& params, const std::string& text);
// The two parameters of a substring filter written `(? = '' OR LOWER(col) LIKE LOWER(?) ESCAPE '!')`:
// "" disables it, otherwise the text matches literally (like_pattern).
void bind_substring(std::vector<platform::sql::value>& params, const std::string& text);
// The parameters of `LIMIT ? OFFSET ?`.
void bind_page(std::vector<platform::sql::value>& params, page paging);

}  // namespace daengtionary
