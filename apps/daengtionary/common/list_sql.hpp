// The SQL side of list endpoints (contract §1.5) that every feature's repository shares: filter and paging
// parameters, and one statement per sort order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "platform/sql/value.hpp"

namespace daengtionary::list_sql {

using params = std::vector<platform::sql::value>;

// The two parameters of an exact filter written `(? = '' OR col = ?)`; "" disables it.
void exact(params& out, const std::string& text);
// The two parameters of a substring filter written `(? = '' OR LOWER(col) LIKE LOWER(?) ESCAPE '!')`;
// "" disables it.
void substring(params& out, const std::string& text);
// The two parameters of a trailing `LIMIT ? OFFSET ?`.
void paging(params& out, page paging);

// A list query's head followed by one `ORDER BY … LIMIT ? OFFSET ?` per sort order. The texts are
// constant, so each statement is prepared once per connection.
class sorted_statements {
 public:
  sorted_statements(std::string_view head, std::string_view none, std::string_view newest, std::string_view popular);
  const std::string& of(sort_order sort) const;

 private:
  std::string none_;
  std::string newest_;
  std::string popular_;
};

}  // namespace daengtionary::list_sql
