// The SQL side of list endpoints (contract §1.5) that every feature's repository shares: the platform's filter and
// paging parameters, and one statement per sort order.
#pragma once

#include "apps/daengtionary/common/list_query.hpp"
#include "platform/sql/list.hpp"

namespace daengtionary::list_sql {

using platform::sql::list::exact;
using platform::sql::list::paging;
using platform::sql::list::params;
using platform::sql::list::substring;

// A list query's head followed by the tails for sort_order::none, newest and popular.
using sorted_statements = platform::sql::list::ordered_statements<sort_order>;

}  // namespace daengtionary::list_sql
