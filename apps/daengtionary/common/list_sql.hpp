// The SQL side of list endpoints (contract §1.5) that every feature's repository shares: the platform's filter and
// paging parameters, and one statement per sort order.
#pragma once

#include <string_view>

#include <fmt/format.h>

#include "apps/daengtionary/common/list_query.hpp"
#include "platform/sql/list.hpp"

namespace daengtionary::list_sql {

using platform::sql::list::exact;
using platform::sql::list::paging;
using platform::sql::list::params;
using platform::sql::list::substring;

// A list query's head followed by the tails for sort_order::none, newest and popular.
using sorted_statements = platform::sql::list::ordered_statements<sort_order>;

// A list of posts of `table` (aliased `alias` in head): by id, by created_at or by views, every order ending with
// the id DESC so that pages never overlap.
inline sorted_statements sorted_posts(std::string_view head, std::string_view alias, std::string_view table) {
  const std::string tail = fmt::format("{}.{}_no DESC LIMIT ? OFFSET ?", alias, table);
  return sorted_statements(head, "ORDER BY " + tail, fmt::format("ORDER BY {}.created_at DESC, {}", alias, tail),
                           fmt::format("ORDER BY {}.views DESC, {}", alias, tail));
}

}  // namespace daengtionary::list_sql
