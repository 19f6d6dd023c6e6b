// Community rules and shared helpers in common/: post and comment validation,
// viewer keys, storable text and the list statements.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/daengtionary/common/list_sql.hpp"
#include "apps/daengtionary/common/request_params.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/community/service.hpp"

namespace {

using daengtionary::errc;
using daengtionary::community::post_form;
using daengtionary::community::post_summary;
using daengtionary::community::validate;
using daengtionary::community::validate_comment;

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

bool rejected(const post_form& form) {
  const auto result = validate(form);
  if (result) return false;
  EXPECT_EQ(result.error(), errc::not_valid_content);
  return true;
}

bool comment_rejected(std::string_view content) {
  const auto result = validate_comment(content);
  if (result) return false;
  EXPECT_EQ(result.error(), errc::not_valid_content);
  return true;
}

TEST(Community, AcceptsPostWhenEveryFrontendCategoryOrNone) {
  for (const char* category : {"장터", "호텔", "병원", "자유", ""}) {
    EXPECT_TRUE(validate(post_form{category, "제목", "내용"}).has_value()) << category;
  }
  EXPECT_TRUE(validate(post_form{"자유", "제목", ""}).has_value()) << "content may be empty";
}

TEST(Community, RejectsPostWhenCategoryUnknown) {
  for (const char* category : {"카페", "free", " 자유", "자유 ", "hospital", "장 터"}) {
    EXPECT_TRUE(rejected(post_form{category, "제목", "내용"})) << category;
  }
}

TEST(Community, RejectsPostWhenTitleBlankOrTooLong) {
  for (const char* blank : {"", " ", "\t\r\n "}) EXPECT_TRUE(rejected(post_form{"자유", blank, "내용"}));
  EXPECT_TRUE(validate(post_form{"자유", repeat("가", 100), ""}).has_value()) << "100 syllables = 300 bytes";
  EXPECT_TRUE(rejected(post_form{"자유", repeat("가", 100) + "a", ""}));
  EXPECT_TRUE(validate(post_form{"자유", repeat("a", 300), ""}).has_value());
  EXPECT_TRUE(rejected(post_form{"자유", repeat("a", 301), ""}));
}

TEST(Community, RejectsPostWhenContentTooLong) {
  EXPECT_TRUE(validate(post_form{"자유", "제목", repeat("가", 5000)}).has_value()) << "5000 syllables";
  EXPECT_TRUE(rejected(post_form{"자유", "제목", repeat("가", 5000) + "a"}));
}

TEST(Community, RejectsPostWhenTextHasNul) {
  EXPECT_TRUE(rejected(post_form{"자유", std::string("제\0목", 7), "내용"}));
  EXPECT_TRUE(rejected(post_form{"자유", "제목", std::string("내\0용", 7)}));
}

TEST(Community, AcceptsCommentWhenNonBlankWithinLimit) {
  EXPECT_TRUE(validate_comment("좋은 글이네요").has_value());
  EXPECT_TRUE(validate_comment(" x ").has_value());
  EXPECT_TRUE(validate_comment(repeat("가", 1000)).has_value()) << "1000 syllables = 3000 bytes";
  EXPECT_TRUE(validate_comment("{\"content\":\"json is just text here\"}").has_value());
}

TEST(Community, RejectsCommentWhenBlankTooLongOrNotText) {
  for (const char* blank : {"", " ", "\n\t\r "}) EXPECT_TRUE(comment_rejected(blank)) << "'" << blank << "'";
  EXPECT_TRUE(comment_rejected(repeat("가", 1000) + "a"));
  EXPECT_TRUE(comment_rejected("\xff\xfe"));
  EXPECT_TRUE(comment_rejected("abc\xe2\x82"));
  EXPECT_TRUE(comment_rejected(std::string("a\0b", 3)));
}

TEST(Community, NamesMemberOrAddressWhenViewerKey) {
  EXPECT_EQ(daengtionary::viewer_key(42, "10.0.0.1"), "m:42");
  EXPECT_EQ(daengtionary::viewer_key(std::nullopt, "127.0.0.1"), "ip:127.0.0.1");
  EXPECT_EQ(daengtionary::viewer_key(std::nullopt, "::1"), "ip:::1");
}

TEST(Community, AcceptsUtf8WithoutNulWhenStorableText) {
  for (const char* text : {"", "plain", "댕과사전", "emoji \xf0\x9f\x90\xb6", "\xc2\xa9"}) {
    EXPECT_TRUE(daengtionary::is_storable_text(text)) << text;
  }
}

TEST(Community, RejectsMalformedUtf8OrNulWhenStorableText) {
  for (const std::string& text : {std::string("\x80"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80"),
                                  std::string("\xf4\x90\x80\x80"), std::string("\xe3\x81"), std::string("a\0", 2)}) {
    EXPECT_FALSE(daengtionary::is_storable_text(text));
  }
}

TEST(Community, AppendsOrderPerSortWhenListStatements) {
  const daengtionary::list_sql::sorted_statements statements("SELECT x ", "ORDER BY id", "ORDER BY t", "ORDER BY v");
  EXPECT_EQ(statements.of(daengtionary::sort_order::none), "SELECT x ORDER BY id");
  EXPECT_EQ(statements.of(daengtionary::sort_order::newest), "SELECT x ORDER BY t");
  EXPECT_EQ(statements.of(daengtionary::sort_order::popular), "SELECT x ORDER BY v");
}

TEST(Community, BindsGuardAndValueWhenFiltersAndPage) {
  daengtionary::list_sql::params params;
  daengtionary::list_sql::exact(params, "자유");
  daengtionary::list_sql::substring(params, "50%_off");
  daengtionary::list_sql::substring(params, "");
  daengtionary::list_sql::paging(params, daengtionary::page{3, 5});
  const std::vector<platform::sql::value> expected{
      std::string("자유"), std::string("자유"), std::string("50%_off"), std::string("%50!%!_off%"),
      std::string(""),     std::string("%%"),   std::int64_t{5},        std::int64_t{15}};
  EXPECT_EQ(params, expected);
}

}  // namespace
