// List parameters (contract §1.5): sort names, page bounds and LIKE patterns that match the user's text literally.
#include "apps/daengtionary/common/list_query.hpp"

#include <gtest/gtest.h>

namespace {

using daengtionary::errc;
using daengtionary::like_pattern;
using daengtionary::make_page;
using daengtionary::parse_sort;
using daengtionary::sort_order;

TEST(ListQuery, ParsesSortNamesWhenKnown) {
  EXPECT_EQ(parse_sort("new"), sort_order::newest);
  EXPECT_EQ(parse_sort("popular"), sort_order::popular);
}

TEST(ListQuery, FallsBackToIdOrderWhenSortUnknownOrEmpty) {
  for (const char* text : {"", "NEW", "Popular", "old", " new", "createdAt"}) {
    EXPECT_EQ(parse_sort(text), sort_order::none) << text;
  }
}

TEST(ListQuery, AcceptsPagesWhenWithinBounds) {
  const auto first = make_page(0, 1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->offset(), 0);
  const auto later = make_page(3, 4);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->number, 3);
  EXPECT_EQ(later->size, 4);
  EXPECT_EQ(later->offset(), 12);
  const auto deepest = make_page(daengtionary::max_page_number, daengtionary::max_page_size);
  ASSERT_TRUE(deepest);
  EXPECT_EQ(deepest->offset(), daengtionary::max_page_number * daengtionary::max_page_size);
}

TEST(ListQuery, RejectsPagesWhenOutOfBounds) {
  const std::pair<std::int64_t, std::int64_t> bad[] = {
      {-1, 4},       {0, 0}, {0, -1}, {0, 101}, {daengtionary::max_page_number + 1, 4}, {INT64_MAX, INT64_MAX},
      {INT64_MIN, 1}};
  for (const auto& [number, size] : bad) {
    const auto paging = make_page(number, size);
    ASSERT_FALSE(paging) << number << "/" << size;
    EXPECT_EQ(paging.error(), errc::not_valid_content);
  }
}

TEST(ListQuery, WrapsTextInPercentsWhenPlain) {
  EXPECT_EQ(like_pattern("abc"), "%abc%");
  EXPECT_EQ(like_pattern("서울"), "%서울%");
  EXPECT_EQ(like_pattern(" "), "% %");
}

TEST(ListQuery, EscapesWildcardsAndEscapeCharacterWhenPresent) {
  EXPECT_EQ(like_pattern("100%"), "%100!%%");
  EXPECT_EQ(like_pattern("a_b"), "%a!_b%");
  EXPECT_EQ(like_pattern("hi!"), "%hi!!%");
  EXPECT_EQ(like_pattern("%_!"), "%!%!_!!%");
  EXPECT_EQ(like_pattern("back\\slash"), "%back\\slash%") << "only the chosen escape character is special";
}

}  // namespace
