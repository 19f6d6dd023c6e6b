// Unit tests for the multipart/form-data parser: browser bodies, malformed and truncated input, limits.
#include "platform/http/multipart.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace mp = platform::http::multipart;
using namespace std::string_literals;

constexpr std::string_view chrome_boundary = "----WebKitFormBoundaryx8IbX3Kr2mDqZ0aT";
const std::string chrome_type = "multipart/form-data; boundary=" + std::string(chrome_boundary);

// Byte-exact copy of what Chrome sends for
//   fd.append('data', new Blob([JSON.stringify(dto)], {type: 'application/json;charset=UTF-8'}));
//   fd.append('image', file1); fd.append('image', file2); fd.append('thumbnail', undefined);
std::string chrome_body(std::string_view png_bytes) {
  const std::string b(chrome_boundary);
  return "--" + b + "\r\n" +
         "Content-Disposition: form-data; name=\"data\"; filename=\"blob\"\r\n"
         "Content-Type: application/json;charset=UTF-8\r\n"
         "\r\n"
         "{\"title\":\"산책 친구\",\"content\":\"같이 걸어요\"}\r\n"
         "--" +
         b + "\r\n" +
         "Content-Disposition: form-data; name=\"image\"; filename=\"dog.png\"\r\n"
         "Content-Type: image/png\r\n"
         "\r\n" +
         std::string(png_bytes) +
         "\r\n"
         "--" +
         b + "\r\n" +
         "Content-Disposition: form-data; name=\"image\"; filename=\"강아지 사진.jpg\"\r\n"
         "Content-Type: image/jpeg\r\n"
         "\r\n"
         "\xff\xd8\xff\xe0JFIF\r\n"
         "--" +
         b + "\r\n" +
         "Content-Disposition: form-data; name=\"thumbnail\"\r\n"
         "\r\n"
         "undefined\r\n"
         "--" +
         b + "--\r\n";
}

// Binary bytes a PNG may well contain: NUL, CRLF, "--", a CRLF followed by dashes and a boundary prefix.
const std::string tricky_bytes = "\x89PNG\r\n\x1a\n\0\0--\r\n--\r\n\r\n\r\n------WebKitFormBoundar\xff\xfe-\r"s;

// A body with one form-data part per (headers, data) pair.
std::string body_of(std::string_view boundary, const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string body;
  for (const auto& [headers, data] : parts) {
    body += "--" + std::string(boundary) + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
  }
  body += "--" + std::string(boundary) + "--\r\n";
  return body;
}

std::string disposition(std::string_view name) {
  return "Content-Disposition: form-data; name=\"" + std::string(name) + "\"";
}

TEST(Multipart, ParsesChromeBodyWhenItHasBlobFilesAndUndefinedText) {
  const auto result = mp::parse(chrome_type, chrome_body(tricky_bytes));
  ASSERT_FALSE(result.failure) << mp::describe(*result.failure);
  ASSERT_EQ(result.parts.size(), 4U);

  const auto& data = result.parts[0];
  EXPECT_EQ(data.name, "data");
  EXPECT_EQ(data.filename, "blob");
  EXPECT_TRUE(data.is_file());
  EXPECT_EQ(data.content_type, "application/json;charset=UTF-8");
  EXPECT_EQ(data.data, "{\"title\":\"산책 친구\",\"content\":\"같이 걸어요\"}");

  EXPECT_EQ(result.parts[1].name, "image");
  EXPECT_EQ(result.parts[1].filename, "dog.png");
  EXPECT_EQ(result.parts[1].content_type, "image/png");
  EXPECT_EQ(result.parts[1].data, tricky_bytes);

  EXPECT_EQ(result.parts[2].name, "image");
  EXPECT_EQ(result.parts[2].filename, "강아지 사진.jpg");
  EXPECT_EQ(result.parts[2].content_type, "image/jpeg");
  EXPECT_EQ(result.parts[2].data, "\xff\xd8\xff\xe0JFIF");

  const auto& text = result.parts[3];
  EXPECT_EQ(text.name, "thumbnail");
  EXPECT_FALSE(text.is_file());
  EXPECT_EQ(text.content_type, "");
  EXPECT_EQ(text.data, "undefined");
}

TEST(Multipart, KeepsEmptyFilePartWhenBrowserSendsNoFile) {
  // <input type=file> left empty: filename="" and no bytes.
  const std::string body =
      body_of("b", {{disposition("image") + "; filename=\"\"\r\nContent-Type: application/octet-stream", ""},
                    {disposition("empty") + "; filename=\"zero.txt\"", ""}});
  const auto result = mp::parse("multipart/form-data; boundary=b", body);
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.parts.size(), 2U);
  EXPECT_TRUE(result.parts[0].is_file());
  EXPECT_EQ(result.parts[0].filename, "");
  EXPECT_EQ(result.parts[0].content_type, "application/octet-stream");
  EXPECT_EQ(result.parts[0].data, "");
  EXPECT_EQ(result.parts[1].filename, "zero.txt");
  EXPECT_EQ(result.parts[1].data, "");
}

TEST(Multipart, KeepsDataVerbatimWhenItContainsCrlfAndDashes) {
  const std::string data = "--\r\n--\r\n\r\n--b-\r\n-b\r\n--\0--x"s;
  const auto result = mp::parse("multipart/form-data; boundary=b0", body_of("b0", {{disposition("f"), data}}));
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.parts.size(), 1U);
  EXPECT_EQ(result.parts[0].data, data);
}

TEST(Multipart, TreatsBoundaryAfterCrlfAsDelimiterWhenFollowedByOtherText) {
  // RFC 2046 5.1.1: the boundary only has to appear in its entirety after a CRLF; what follows it
  // must then be padding and CRLF, so this body is malformed rather than a part containing the text.
  const std::string body = "--b\r\n" + disposition("f") + "\r\n\r\nabc\r\n--bX\r\n--b--\r\n";
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed);
}

TEST(Multipart, IgnoresPreambleAndEpilogueWhenPresent) {
  const std::string body = "This is the preamble.\r\n--b\r\n--b is not here\r\n" +
                           body_of("b", {{disposition("a"), "1"}}) + "epilogue\r\n--b\r\n" + disposition("ignored") +
                           "\r\n\r\nx\r\n--b--\r\n";
  // The preamble's "\r\n--b" line is taken as the first delimiter, so "--b is not here" is read as a
  // part header line: malformed. Without it, preamble and epilogue are ignored.
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed);

  const std::string clean = "This is the preamble.\r\n" + body_of("b", {{disposition("a"), "1"}}) +
                            "epilogue\r\n--b\r\n" + disposition("ignored") + "\r\n\r\nx\r\n--b--\r\n";
  const auto result = mp::parse("multipart/form-data; boundary=b", clean);
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.parts.size(), 1U);
  EXPECT_EQ(result.parts[0].name, "a");
  EXPECT_EQ(result.parts[0].data, "1");
}

TEST(Multipart, ReadsWholeBodyAsPreambleWhenFirstBoundaryLacksLeadingCrlf) {
  // A delimiter is CRLF "--" boundary (or "--" boundary at the very start), so "junk--b" is preamble
  // and the first delimiter is the close one: no parts, as for an empty FormData.
  const std::string body = "junk" + body_of("b", {{disposition("a"), "1"}});
  const auto result = mp::parse("multipart/form-data; boundary=b", body);
  EXPECT_FALSE(result.failure);
  EXPECT_TRUE(result.parts.empty());

  const std::string unclosed = "junk--b\r\n" + disposition("a") + "\r\n\r\n1";
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", unclosed).failure, mp::error::malformed);
}

TEST(Multipart, AcceptsTransportPaddingWhenAfterDelimiter) {
  const std::string body =
      "--b \t\r\n" + disposition("a") + "\r\n\r\n1\r\n--b\t\r\n" + disposition("c") + "\r\n\r\n2\r\n--b--";
  const auto result = mp::parse("multipart/form-data; boundary=b", body);
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.parts.size(), 2U);
  EXPECT_EQ(result.parts[1].data, "2");
}

TEST(Multipart, ParsesQuotedBoundaryWhenItHasSpaces) {
  const std::string boundary = "simple boundary:+_,()";
  const auto result =
      mp::parse("multipart/form-data; boundary=\"" + boundary + "\"", body_of(boundary, {{disposition("a"), "x"}}));
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.parts.size(), 1U);
  EXPECT_EQ(result.parts[0].data, "x");
}

TEST(Multipart, ReadsHeadersCaseInsensitivelyWhenClientUsesOtherCase) {
  const std::string body = body_of("b", {{"content-disposition: FORM-DATA; NAME=\"a\"; FileName=\"x.bin\"\r\n"
                                          "CONTENT-TYPE:  text/plain \r\nX-Other: ignored",
                                          "1"}});
  const auto result = mp::parse("Multipart/Form-Data; Boundary=b", body);
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.parts.size(), 1U);
  EXPECT_EQ(result.parts[0].name, "a");
  EXPECT_EQ(result.parts[0].filename, "x.bin");
  EXPECT_EQ(result.parts[0].content_type, "text/plain");
}

TEST(Multipart, ReadsParametersWhenUnquotedOrContainingSemicolons) {
  const std::string body = body_of("b", {{"Content-Disposition: form-data; filename=\"a;b=c.png\"; name=photo", "x"}});
  const auto result = mp::parse("multipart/form-data; boundary=b", body);
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.parts.size(), 1U);
  EXPECT_EQ(result.parts[0].name, "photo");
  EXPECT_EQ(result.parts[0].filename, "a;b=c.png");
}

TEST(Multipart, DoesNotMistakeFilenameForNameWhenNameIsMissing) {
  const std::string body = body_of("b", {{"Content-Disposition: form-data; filename=\"x.png\"", "x"}});
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed);
}

TEST(Multipart, ReturnsNoPartsWhenBodyIsOnlyCloseDelimiter) {
  const auto result = mp::parse("multipart/form-data; boundary=b", "--b--\r\n");
  EXPECT_FALSE(result.failure);
  EXPECT_TRUE(result.parts.empty());
}

TEST(Multipart, RejectsBodyWhenCloseDelimiterIsMissing) {
  const std::string complete = body_of("b", {{disposition("a"), "1"}});
  const std::string without_close = complete.substr(0, complete.rfind("--b--"));
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", without_close).failure, mp::error::malformed);
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", "--b\r\n" + disposition("a") + "\r\n\r\n1").failure,
            mp::error::malformed);
}

TEST(Multipart, RejectsBodyWhenItHasNoDelimiterAtAll) {
  for (const std::string& body : {""s, "hello"s, "--c\r\n"s, "-b\r\n"s, "\r\n"s}) {
    EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed) << body;
  }
}

TEST(Multipart, RejectsPartWhenContentDispositionIsMissingOrWrong) {
  const std::vector<std::string> bad_headers = {
      "Content-Type: text/plain",
      "Content-Disposition: attachment; name=\"a\"",
      "Content-Disposition: form-data",
      "Content-Disposition: form-data; name=\"unterminated",
      "Content-Disposition: form-data; name=\"a\"; junk",
      "Content-Disposition form-data; name=\"a\"",
      ": form-data; name=\"a\"",
      disposition("a") + "\r\nno colon here",
  };
  for (const auto& headers : bad_headers) {
    const auto result = mp::parse("multipart/form-data; boundary=b", body_of("b", {{headers, "x"}}));
    EXPECT_EQ(result.failure, mp::error::malformed) << headers;
    EXPECT_TRUE(result.parts.empty()) << headers;
  }
}

TEST(Multipart, RejectsPartWhenHeadersHaveNoBlankLine) {
  const std::string body = "--b\r\n" + disposition("a") + "\r\nvalue\r\n--b--\r\n";
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed);
}

TEST(Multipart, RejectsPartWhenHeadersHaveNoBlankLineButNextPartDoes) {
  // The blank-line search must not swallow the next part's headers into this one's.
  const std::string body =
      "--b\r\n" + disposition("a") + "\r\nvalue\r\n--b\r\n" + disposition("c") + "\r\n\r\n2\r\n--b--\r\n";
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed);
}

TEST(Multipart, RejectsBodyWhenLinesEndWithBareLf) {
  const std::string body = "--b\n" + disposition("a") + "\n\nvalue\n--b--\n";
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed);
}

TEST(Multipart, RejectsBodyWhenDelimiterIsFollowedByText) {
  const std::string body = "--bX\r\n" + disposition("a") + "\r\n\r\n1\r\n--b--\r\n";
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body).failure, mp::error::malformed);
}

TEST(Multipart, FailsWithoutPartialPartsWhenALaterPartIsBad) {
  const std::string body = body_of("b", {{disposition("a"), "1"}, {"Content-Type: text/plain", "2"}});
  const auto result = mp::parse("multipart/form-data; boundary=b", body);
  EXPECT_EQ(result.failure, mp::error::malformed);
  EXPECT_TRUE(result.parts.empty());
}

TEST(Multipart, FailsOnEveryTruncationBeforeTheCloseDelimiter) {
  const std::string body = chrome_body(tricky_bytes);
  const std::string close = "--" + std::string(chrome_boundary) + "--";
  const std::size_t complete_at = body.rfind(close) + close.size();
  const auto full = mp::parse(chrome_type, body);
  ASSERT_FALSE(full.failure);

  for (std::size_t size = 0; size <= body.size(); ++size) {
    const auto result = mp::parse(chrome_type, std::string_view(body).substr(0, size));
    if (size < complete_at) {
      ASSERT_EQ(result.failure, mp::error::malformed) << "truncated to " << size << " of " << body.size();
      ASSERT_TRUE(result.parts.empty()) << size;
    } else {
      ASSERT_FALSE(result.failure) << size;
      ASSERT_EQ(result.parts.size(), full.parts.size()) << size;
      ASSERT_EQ(result.parts.back().data, full.parts.back().data) << size;
    }
  }
}

TEST(Multipart, NeverReturnsPartsWithAFailureWhenOneByteIsDeletedOrFlipped) {
  const std::string body = chrome_body("PNG\r\n--");
  std::set<mp::error> seen;
  for (std::size_t at = 0; at < body.size(); ++at) {
    for (int variant = 0; variant < 2; ++variant) {
      std::string mutated = body;
      if (variant == 0) {
        mutated.erase(at, 1);
      } else {
        mutated[at] = static_cast<char>(mutated[at] ^ 0x20);
      }
      const auto result = mp::parse(chrome_type, mutated);
      if (result.failure) {
        seen.insert(*result.failure);
        ASSERT_TRUE(result.parts.empty()) << at;
      } else {
        ASSERT_LE(result.parts.size(), 4U) << at;
      }
    }
  }
  EXPECT_TRUE(seen.contains(mp::error::malformed));
}

TEST(Multipart, AcceptsMaxPartsWhenCountIsAtLimit) {
  mp::limits limits;
  limits.max_parts = 3;
  const std::string body = body_of("b", {{disposition("a"), "1"}, {disposition("b"), "2"}, {disposition("c"), "3"}});
  const auto result = mp::parse("multipart/form-data; boundary=b", body, limits);
  ASSERT_FALSE(result.failure);
  EXPECT_EQ(result.parts.size(), 3U);
}

TEST(Multipart, RejectsBodyWhenPartsExceedLimit) {
  mp::limits limits;
  limits.max_parts = 2;
  const std::string body = body_of("b", {{disposition("a"), "1"}, {disposition("b"), "2"}, {disposition("c"), "3"}});
  const auto result = mp::parse("multipart/form-data; boundary=b", body, limits);
  EXPECT_EQ(result.failure, mp::error::too_many_parts);
  EXPECT_TRUE(result.parts.empty());

  limits.max_parts = 0;
  EXPECT_EQ(mp::parse("multipart/form-data; boundary=b", body, limits).failure, mp::error::too_many_parts);
}

TEST(Multipart, RejectsPartWhenDataExceedsLimit) {
  mp::limits limits;
  limits.max_part_bytes = 10;
  const std::string at_limit = body_of("b", {{disposition("a"), std::string(10, 'x')}});
  const auto ok = mp::parse("multipart/form-data; boundary=b", at_limit, limits);
  ASSERT_FALSE(ok.failure);
  EXPECT_EQ(ok.parts[0].data.size(), 10U);

  const std::string over = body_of("b", {{disposition("a"), "1"}, {disposition("big"), std::string(11, 'x')}});
  const auto result = mp::parse("multipart/form-data; boundary=b", over, limits);
  EXPECT_EQ(result.failure, mp::error::part_too_large);
  EXPECT_TRUE(result.parts.empty());
}

TEST(Multipart, RejectsPartWhenHeaderBlockExceedsLimit) {
  mp::limits limits;
  const std::string headers = disposition("a") + "\r\nContent-Type: ";
  limits.max_part_header_bytes = headers.size() + 5;
  const auto ok = mp::parse("multipart/form-data; boundary=b", body_of("b", {{headers + "12345", "x"}}), limits);
  ASSERT_FALSE(ok.failure);
  EXPECT_EQ(ok.parts[0].content_type, "12345");

  const auto result = mp::parse("multipart/form-data; boundary=b", body_of("b", {{headers + "123456", "x"}}), limits);
  EXPECT_EQ(result.failure, mp::error::malformed);
}

TEST(Multipart, RejectsContentTypeWhenNotFormDataWithBoundary) {
  const std::string body = body_of("b", {{disposition("a"), "1"}});
  for (const char* type :
       {"", "application/json", "multipart/mixed; boundary=b", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"b",
        "multipart/form-data; charset=UTF-8", "multipart/form-data-x; boundary=b"}) {
    const auto result = mp::parse(type, body);
    EXPECT_EQ(result.failure, mp::error::not_multipart) << type;
    EXPECT_TRUE(result.parts.empty()) << type;
  }
}

TEST(Multipart, BoundaryOfReturnsUnquotedBoundaryWhenPresent) {
  EXPECT_EQ(mp::boundary_of(chrome_type), std::string(chrome_boundary));
  EXPECT_EQ(mp::boundary_of("multipart/form-data; charset=UTF-8; boundary=abc"), "abc");
  EXPECT_EQ(mp::boundary_of("multipart/form-data;boundary=\"a b\""), "a b");
  EXPECT_EQ(mp::boundary_of("multipart/form-data; boundary=abc ; charset=x"), "abc");
  EXPECT_EQ(mp::boundary_of("MULTIPART/FORM-DATA; BOUNDARY=Abc"), "Abc");
}

TEST(Multipart, BoundaryOfEnforcesRfcLengthWhenBoundaryIsLong) {
  const std::string seventy(70, 'x');
  EXPECT_EQ(mp::boundary_of("multipart/form-data; boundary=" + seventy), seventy);
  EXPECT_EQ(mp::boundary_of("multipart/form-data; boundary=" + seventy + "x"), std::nullopt);
}

TEST(Multipart, DescribeGivesDistinctMessagesWhenErrorsDiffer) {
  std::set<std::string_view> messages;
  for (auto e :
       {mp::error::not_multipart, mp::error::malformed, mp::error::too_many_parts, mp::error::part_too_large}) {
    EXPECT_FALSE(mp::describe(e).empty());
    messages.insert(mp::describe(e));
  }
  EXPECT_EQ(messages.size(), 4U);
}

TEST(MultipartText, ReadsTextPartsAndTheBrowsersJsonBlob) {
  const auto result = mp::parse(chrome_type, chrome_body(tricky_bytes));
  ASSERT_FALSE(result.failure);
  EXPECT_EQ(mp::text_of(result.parts[0]), "{\"title\":\"산책 친구\",\"content\":\"같이 걸어요\"}");
  EXPECT_EQ(mp::text_of(result.parts[3]), "undefined");
  EXPECT_FALSE(mp::text_of(result.parts[1])) << "a PNG is not text";
}

TEST(MultipartText, RefusesNulAndControlsInTextPart) {
  for (const std::string& data : {"a\0b"s, "\0"s, "\x01"s, "x\x7f"s, "\xc2\x85"s, "\xff"s, "\xed\xa0\x80"s}) {
    const auto result = mp::parse("multipart/form-data; boundary=b0", body_of("b0", {{disposition("data"), data}}));
    ASSERT_FALSE(result.failure);
    ASSERT_EQ(result.parts.size(), 1U);
    EXPECT_EQ(result.parts[0].data, data) << "parsing keeps the bytes; reading them as text refuses them";
    EXPECT_FALSE(mp::text_of(result.parts[0])) << testing::PrintToString(data);
  }
}

TEST(MultipartText, KeepsKoreanEmojiTabsAndLineBreaksInTextPart) {
  const std::string data = "댓글\t🐶\r\n둘째 줄\n";
  const auto result = mp::parse("multipart/form-data; boundary=b0", body_of("b0", {{disposition("data"), data}}));
  ASSERT_FALSE(result.failure);
  EXPECT_EQ(mp::text_of(result.parts.at(0)), data);
}

}  // namespace
