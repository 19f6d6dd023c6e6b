// platform::sql::list: LIKE patterns that match text literally, filter and paging parameters, one statement per order.
#include <gtest/gtest.h>

#include "platform/sql/list.hpp"

namespace {

namespace list = platform::sql::list;

TEST(SqlList, EscapesLikeWildcardsAndTheEscapeItself) {
  EXPECT_EQ(list::like_pattern(""), "%%");
  EXPECT_EQ(list::like_pattern("댕댕"), "%댕댕%");
  EXPECT_EQ(list::like_pattern("50%_off!"), "%50!%!_off!!%");
}

TEST(SqlList, BindsGuardAndValueForEachFilterThenThePage) {
  list::params params;
  list::exact(params, "자유");
  list::substring(params, "a_b");
  list::substring(params, "");
  list::paging(params, list::page{3, 5});
  const list::params expected{std::string("자유"), std::string("자유"), std::string("a_b"), std::string("%a!_b%"),
                              std::string(""),     std::string("%%"),   std::int64_t{5},    std::int64_t{15}};
  EXPECT_EQ(params, expected);
}

enum class order { first, second };

TEST(SqlList, JoinsTheHeadToTheTailOfEachOrder) {
  const list::ordered_statements<order> statements("SELECT x ", "ORDER BY a", "ORDER BY b");
  EXPECT_EQ(statements.of(order::first), "SELECT x ORDER BY a");
  EXPECT_EQ(statements.of(order::second), "SELECT x ORDER BY b");
  EXPECT_THROW(statements.of(static_cast<order>(2)), std::out_of_range) << "an order without a tail";
}

}  // namespace
