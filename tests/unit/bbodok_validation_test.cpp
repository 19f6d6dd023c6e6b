// Bbodok's field rules: group names, invite paths, passwords and colours, todo contents.
#include <string>

#include <gtest/gtest.h>

#include "apps/bbodok/group/validation.hpp"
#include "apps/bbodok/todo/service.hpp"

namespace {

using bbodok::group::check_color;
using bbodok::group::check_edit;
using bbodok::group::check_name;
using bbodok::group::check_new_group;
using bbodok::group::check_password;
using bbodok::group::check_path;
using bbodok::group::has_length;

std::string repeat(const std::string& unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

TEST(GroupValidation, CountsCodePointsNotBytes) {
  EXPECT_TRUE(has_length(repeat("가", 50), 1, 50));
  EXPECT_FALSE(has_length(repeat("가", 51), 1, 50));
  EXPECT_FALSE(has_length("", 1, 50));
  EXPECT_FALSE(has_length("\xff\xfe", 0, 50));  // not UTF-8
}

TEST(GroupValidation, NeedsANameWithSomethingBesidesSpaces) {
  EXPECT_FALSE(check_name("알고리즘 스터디"));
  EXPECT_TRUE(check_name(""));
  EXPECT_TRUE(check_name("  \t"));
  EXPECT_TRUE(check_name(repeat("a", 51)));
}

TEST(GroupValidation, TakesInvitePathsOfLettersDigitsDashAndUnderscore) {
  EXPECT_FALSE(check_path("aZ09_-"));
  EXPECT_FALSE(check_path(repeat("x", 64)));
  EXPECT_TRUE(check_path(repeat("x", 65)));
  EXPECT_TRUE(check_path(""));
  for (const char* bad : {"a b", "a/b", "../x", "가나", "a%20", "a?b"}) EXPECT_TRUE(check_path(bad)) << bad;
  EXPECT_TRUE(check_path(std::string("a\0b", 3)));
}

TEST(GroupValidation, NeedsAPasswordOfAtMost72BytesForSecretGroups) {
  EXPECT_FALSE(check_password(std::string("pw")));
  EXPECT_FALSE(check_password(repeat("x", 72)));
  EXPECT_TRUE(check_password(repeat("x", 73)));
  EXPECT_TRUE(check_password(std::string()));
  EXPECT_TRUE(check_password(std::nullopt));
  EXPECT_TRUE(check_password(std::string("a\0b", 3)));
  EXPECT_FALSE(check_new_group({"그룹", false, std::nullopt, "path"}));  // a public group needs none
  EXPECT_TRUE(check_new_group({"그룹", true, std::string(), "path"}));
  EXPECT_FALSE(check_new_group({"그룹", true, std::string("pw"), "path"}));
}

TEST(GroupValidation, LetsAnEditKeepTheStoredPassword) {
  EXPECT_FALSE(check_edit({1, "그룹", true, std::nullopt}));
  EXPECT_FALSE(check_edit({1, "그룹", true, std::string()}));
  EXPECT_TRUE(check_edit({1, "그룹", true, repeat("x", 73)}));
  EXPECT_TRUE(check_edit({1, "", false, std::nullopt}));
}

TEST(GroupValidation, BoundsColours) {
  EXPECT_FALSE(check_color(std::nullopt));
  EXPECT_FALSE(check_color(std::string("secondary")));
  EXPECT_FALSE(check_color(repeat("색", 30)));
  EXPECT_TRUE(check_color(repeat("색", 31)));
}

TEST(TodoContent, IsOneTo255CodePoints) {
  EXPECT_FALSE(bbodok::todo::check_content("문제 풀기"));
  EXPECT_FALSE(bbodok::todo::check_content(repeat("가", 255)));
  EXPECT_TRUE(bbodok::todo::check_content(repeat("가", 256)));
  EXPECT_TRUE(bbodok::todo::check_content(""));
  EXPECT_TRUE(bbodok::todo::check_content(" \n "));
}

}  // namespace
