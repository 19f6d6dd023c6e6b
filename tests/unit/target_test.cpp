// Unit tests for request-target parsing, parse_int64 and the request binding helpers.
#include "platform/http/target.hpp"

#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "platform/http/message.hpp"

namespace {

using platform::http::client_error;
using platform::http::params;
using platform::http::parse_int64;
using platform::http::parse_target;
using platform::http::request;
using platform::http::status;

params pairs(std::initializer_list<std::pair<std::string, std::string>> list) { return params(list); }

TEST(RequestTarget, KeepsValuelessKeysWhenFrontendSendsEmptyFilters) {
  // Daengtionary's friend list: axios sends every filter, empty ones without '='.
  const auto t = parse_target("/friend/?category&address&content&title&pagenum=0&pagesize=6");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/friend");
  EXPECT_EQ(
      t->query,
      pairs({{"category", ""}, {"address", ""}, {"content", ""}, {"title", ""}, {"pagenum", "0"}, {"pagesize", "6"}}));
}

TEST(RequestTarget, DecodesUtf8PercentEscapesWhenQueryIsKorean) {
  const auto t = parse_target("/query?category&title=%EB%B3%91%EC%9B%90");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/query");
  EXPECT_EQ(t->query, pairs({{"category", ""}, {"title", "병원"}}));
}

TEST(RequestTarget, ReadsEmptyStringWhenKeyHasNoValueOrEmptyValue) {
  // Both read as "" (as Spring's @RequestParam does); the key is present either way.
  const auto t = parse_target("/x?a&b=");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->query, pairs({{"a", ""}, {"b", ""}}));
}

TEST(RequestTarget, DecodesPlusAsSpaceAndPercent2BAsPlusWhenInQuery) {
  const auto t = parse_target("/search?q=a+b%2Bc&k%2B=x+y");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->query, pairs({{"q", "a b+c"}, {"k+", "x y"}}));
}

TEST(RequestTarget, KeepsPlusInPathWhenNotInQuery) {
  const auto t = parse_target("/tag/c++/%20x");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/tag/c++/ x");
}

TEST(RequestTarget, KeepsRepeatedKeysInOrderWhenKeyRepeats) {
  const auto t = parse_target("/x?tag=b&other=1&tag=a&tag=");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->query, pairs({{"tag", "b"}, {"other", "1"}, {"tag", "a"}, {"tag", ""}}));
}

TEST(RequestTarget, KeepsEqualsSignsInValueWhenValueHasThem) {
  const auto t = parse_target("/x?token=abc==&e=%3D");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->query, pairs({{"token", "abc=="}, {"e", "="}}));
}

TEST(RequestTarget, DecodesPathWhenPathHasPercentEscapes) {
  const auto t = parse_target("/hospital/%EB%8F%99%EB%AC%BC%EB%B3%91%EC%9B%90/");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/hospital/동물병원");
  EXPECT_TRUE(t->query.empty());
}

TEST(RequestTarget, ReturnsRootWhenPathIsSlash) {
  auto t = parse_target("/");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/");
  t = parse_target("/?a=1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/");
  EXPECT_EQ(t->query, pairs({{"a", "1"}}));
}

TEST(RequestTarget, RemovesOnlyOneTrailingSlashWhenPathEndsWithSlashes) {
  const auto t = parse_target("/friend//");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/friend/");
}

TEST(RequestTarget, HasNoParamsWhenQueryIsAbsent) {
  const auto t = parse_target("/place/list");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/place/list");
  EXPECT_TRUE(t->query.empty());
}

TEST(RequestTarget, RejectsBadPercentEscapesWhenAnywhere) {
  for (const char* bad : {"/x?q=%zz", "/x?q=%", "/x?q=%4", "/x?%zz=1", "/%zz", "/a%2", "/a%g0"}) {
    EXPECT_FALSE(parse_target(bad)) << bad;
  }
}

TEST(RequestTarget, RejectsWhenTargetIsNotOriginForm) {
  for (const char* bad : {"*", "http://example.com/x", "https://example.com/", "example.com:443", "", "x/y", "?a=1",
                          "/x#frag", "/x y", "/x?a=b c", "//\x01"}) {
    EXPECT_FALSE(parse_target(bad)) << '"' << bad << '"';
  }
}

TEST(RequestTarget, RejectsWhenTargetHasRawNonAscii) {
  EXPECT_FALSE(parse_target("/query?title=병원"));
  EXPECT_FALSE(parse_target("/병원"));
}

TEST(ParseTarget, RefusesNulInQueryValue) {
  for (const char* bad : {"/hospital/search?title=%00", "/hospital/search?title=%00abc&pagenum=0",
                          "/member/checknick?nick=%00", "/query?category=%00&title=", "/friend?title=a%00b"}) {
    EXPECT_FALSE(parse_target(bad)) << bad;
  }
}

TEST(ParseTarget, RefusesControlsAndInvalidUtf8InQueryKeysAndValues) {
  for (const char* bad : {"/x?q=%01", "/x?q=%1B", "/x?q=%7F", "/x?q=%C2%80", "/x?q=%C2%9F", "/x?q=%FF", "/x?q=%C0%AF",
                          "/x?q=%ED%A0%80", "/x?q=%EB%B3", "/x?%00=1", "/x?a%07b", "/x?ok=1&q=%00"}) {
    EXPECT_FALSE(parse_target(bad)) << bad;
  }
}

TEST(ParseTarget, RefusesNulAndControlsInDecodedPath) {
  for (const char* bad : {"/community/%00", "/a%00b/c", "/x%1F", "/x%7F", "/x%C2%85", "/x%FF"}) {
    EXPECT_FALSE(parse_target(bad)) << bad;
  }
}

TEST(ParseTarget, KeepsTabsLineBreaksKoreanAndEmojiInQuery) {
  const auto t = parse_target("/x?a=%09t%0Al%0D&b=%EB%8C%95+%F0%9F%90%B6&c=%EF%BF%BD");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->query, pairs({{"a", "\tt\nl\r"}, {"b", "댕 🐶"}, {"c", "\xef\xbf\xbd"}}));
}

TEST(ParseInt64, ParsesWholeDecimalWhenWellFormed) {
  EXPECT_EQ(parse_int64("0"), 0);
  EXPECT_EQ(parse_int64("12"), 12);
  EXPECT_EQ(parse_int64("-3"), -3);
  EXPECT_EQ(parse_int64("-0"), 0);
  EXPECT_EQ(parse_int64("007"), 7);
  EXPECT_EQ(parse_int64("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parse_int64("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
}

TEST(ParseInt64, ReturnsNulloptWhenTextIsNotAWholeDecimal) {
  for (const char* bad : {"", " 1", "1 ", "+1", "-", "+", "1.0", "1e3", "0x10", "abc", "1a", "--1", "١"}) {
    EXPECT_FALSE(parse_int64(bad)) << '"' << bad << '"';
  }
  EXPECT_FALSE(parse_int64(std::string_view()));
  EXPECT_FALSE(parse_int64(std::string_view("1\0", 2)));
}

TEST(ParseInt64, ReturnsNulloptWhenValueOverflows) {
  EXPECT_FALSE(parse_int64("9223372036854775808"));
  EXPECT_FALSE(parse_int64("-9223372036854775809"));
  EXPECT_FALSE(parse_int64("99999999999999999999999999"));
}

request request_with(params query, params path_params = {}) {
  request req;
  req.query = std::move(query);
  req.path_params = std::move(path_params);
  return req;
}

template <typename F>
void expect_bad_request(F&& call, std::string_view mentioned) {
  try {
    call();
    ADD_FAILURE() << "expected client_error";
  } catch (const client_error& e) {
    EXPECT_EQ(e.code, status::bad_request);
    EXPECT_NE(std::string_view(e.what()).find(mentioned), std::string_view::npos) << e.what();
  }
}

TEST(Request, RequiredQueryReturnsValueWhenPresentEvenIfEmpty) {
  const auto req = request_with(pairs({{"category", ""}, {"title", "병원"}, {"title", "second"}}));
  EXPECT_EQ(req.required_query("category"), "");
  EXPECT_EQ(req.required_query("title"), "병원") << "first occurrence wins";
  EXPECT_EQ(req.query_value("absent"), std::nullopt);
}

TEST(Request, RequiredQueryThrowsBadRequestNamingKeyWhenAbsent) {
  const auto req = request_with(pairs({{"pagenum", "0"}}));
  expect_bad_request([&] { (void)req.required_query("pagesize"); }, "'pagesize'");
  expect_bad_request([&] { (void)req.required_query("PAGENUM"); }, "'PAGENUM'");
}

TEST(Request, RequiredQueryIntParsesWhenValueIsInteger) {
  const auto req = request_with(pairs({{"pagenum", "0"}, {"pagesize", "-6"}}));
  EXPECT_EQ(req.required_query_int("pagenum"), 0);
  EXPECT_EQ(req.required_query_int("pagesize"), -6);
}

TEST(Request, RequiredQueryIntThrowsBadRequestWhenValueIsNotInteger) {
  const auto req = request_with(pairs({{"empty", ""}, {"word", "six"}, {"big", "9223372036854775808"}, {"sp", " 1"}}));
  expect_bad_request([&] { (void)req.required_query_int("empty"); }, "'empty'");
  expect_bad_request([&] { (void)req.required_query_int("word"); }, "'word'");
  expect_bad_request([&] { (void)req.required_query_int("big"); }, "'big'");
  expect_bad_request([&] { (void)req.required_query_int("sp"); }, "'sp'");
  expect_bad_request([&] { (void)req.required_query_int("absent"); }, "'absent'");
}

TEST(Request, PathIntParsesWhenCapturedSegmentIsInteger) {
  const auto req = request_with({}, pairs({{"mapNo", "12"}}));
  EXPECT_EQ(req.path_int("mapNo"), 12);
  EXPECT_EQ(req.path_param("mapNo"), "12");
  EXPECT_EQ(req.path_param("absent"), "");
}

TEST(Request, PathIntThrowsBadRequestWhenSegmentIsNotIntegerOrAbsent) {
  const auto req = request_with({}, pairs({{"mapNo", "undefined"}, {"id", "1.5"}}));
  expect_bad_request([&] { (void)req.path_int("mapNo"); }, "'mapNo'");
  expect_bad_request([&] { (void)req.path_int("id"); }, "'id'");
  expect_bad_request([&] { (void)req.path_int("absent"); }, "'absent'");
}

}  // namespace
