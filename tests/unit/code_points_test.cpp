// Unit tests for the code points a text field accepts (platform/text/code_points.hpp), over every code point, and the
// blank and length checks.
#include "platform/text/code_points.hpp"

#include <string>

#include <gtest/gtest.h>

namespace {

using platform::text::is_accepted_code_point;
using platform::text::is_accepted_text;
using platform::text::is_blank;
using platform::text::next_code_point;
using platform::text::utf8_length;

std::string utf8(char32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

bool is_control(char32_t code) {
  return (code < 0x20 && code != U'\t' && code != U'\n' && code != U'\r') || (code >= 0x7F && code <= 0x9F);
}

bool is_surrogate(char32_t code) { return code >= 0xD800 && code <= 0xDFFF; }

TEST(CodePoints, AcceptsEveryScalarValueButControlsWhenEncodedAlone) {
  for (char32_t code = 0; code <= 0x10FFFF; ++code) {
    if (is_surrogate(code)) continue;
    const std::string text = utf8(code);
    ASSERT_EQ(is_accepted_text(text), !is_control(code)) << std::hex << static_cast<unsigned>(code);
    ASSERT_EQ(is_accepted_code_point(code), !is_control(code)) << std::hex << static_cast<unsigned>(code);
  }
}

TEST(CodePoints, DecodesEveryScalarValueBackWhenNextCodePoint) {
  for (char32_t code = 0; code <= 0x10FFFF; ++code) {
    if (is_surrogate(code)) continue;
    const std::string text = utf8(code);
    std::size_t at = 0;
    ASSERT_EQ(next_code_point(text, at), code) << std::hex << static_cast<unsigned>(code);
    ASSERT_EQ(at, text.size());
  }
}

TEST(CodePoints, RefusesNulAndControlsInsideText) {
  using namespace std::string_literals;
  for (const std::string& text :
       {"a\0b"s, "\0"s, "abc\x01"s, "\x1f"s, "x\x7fy"s, "\xc2\x80"s, "\xc2\x9f"s, "\x1b[31mred"s, "\x0b"s, "\x0c"s}) {
    EXPECT_FALSE(is_accepted_text(text)) << testing::PrintToString(text);
  }
}

TEST(CodePoints, AcceptsKoreanEmojiTabsAndLineBreaks) {
  for (const char* text :
       {"", "plain", "댕과사전 산책", "emoji 🐶🐾", "tab\there", "line\nbreak", "crlf\r\n", "\xc2\xa0nbsp", "\xc2\xa9",
        "\xef\xbf\xbd", "\xef\xbf\xbf", "\xef\xb7\x90", "\xf4\x8f\xbf\xbf"}) {
    EXPECT_TRUE(is_accepted_text(text)) << text;
  }
}

TEST(CodePoints, RefusesEncodedSurrogatesWhenCesu8) {
  for (char32_t code = 0xD800; code <= 0xDFFF; ++code) {
    const std::string text{static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (code & 0x3F))};
    ASSERT_FALSE(is_accepted_text(text)) << std::hex << static_cast<unsigned>(code);
  }
}

TEST(CodePoints, RefusesMalformedUtf8) {
  using namespace std::string_literals;
  for (const std::string& text : {
           "\x80"s,              // continuation without a lead
           "\xbf"s,              // continuation without a lead
           "\xc0\xaf"s,          // overlong '/'
           "\xc1\xbf"s,          // overlong
           "\xe0\x80\xaf"s,      // overlong, three bytes
           "\xf0\x80\x80\xaf"s,  // overlong, four bytes
           "\xf4\x90\x80\x80"s,  // past U+10FFFF
           "\xf5\x80\x80\x80"s,  // lead byte never used
           "\xf8\x88\x80\x80\x80"s,
           "\xfe"s,
           "\xff"s,
           "\xe3\x81"s,  // truncated
           "\xc3"s,      // truncated
           "a\xc3"s,     // truncated at the end
           "\xc3\x28"s,  // lead followed by ASCII
           "\xe3\x28\x81"s,
       }) {
    EXPECT_FALSE(is_accepted_text(text)) << testing::PrintToString(text);
  }
}

TEST(CodePoints, RefusesEveryLoneByteAboveAscii) {
  for (int byte = 0x80; byte <= 0xFF; ++byte) {
    EXPECT_FALSE(is_accepted_text(std::string(1, static_cast<char>(byte)))) << byte;
  }
}

TEST(CodePoints, BlankIsEmptyOrOnlySpacesTabsAndLineBreaks) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t\r\n "));
  EXPECT_FALSE(is_blank(" a "));
  EXPECT_FALSE(is_blank("\xe3\x80\x80")) << "an ideographic space is a character";
}

TEST(CodePoints, LengthCountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length(""), 0U);
  EXPECT_EQ(utf8_length("abc"), 3U);
  EXPECT_EQ(utf8_length("댕댕이"), 3U);
  EXPECT_EQ(utf8_length("a🐶b"), 3U);
}

}  // namespace
