// Unit tests for reading JSON: the text rule on every string, the body reader's 400, whole numbers, demo data files.
#include <array>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/http/message.hpp"
#include "platform/json/binding.hpp"
#include "platform/json/data_file.hpp"
#include "platform/json/form.hpp"
#include "platform/json/request_body.hpp"

namespace {

using platform::json::parse_object;
using platform::json::read_object;

TEST(JsonBinding, RefusesNulEscapeInString) {
  EXPECT_FALSE(parse_object(R"({"email":"a\u0000@b.c"})"));
  EXPECT_FALSE(parse_object(R"({"email":"\u0000"})"));
}

TEST(JsonBinding, RefusesControlsInStringsKeysAndNestedValues) {
  for (const char* text : {
           R"({"a":"\u0001"})",         // C0
           R"({"a":"\u001b[31m"})",     // ESC
           R"({"a":"\u007f"})",         // DEL
           R"({"a":"\u0080"})",         // C1
           R"({"a":"\u009f"})",         // C1
           "{\"a\":\"\x7f\"}",          // raw DEL, which JSON allows unescaped
           "{\"a\":\"\xc2\x85\"}",      // raw NEL (C1), which JSON allows unescaped
           R"({"a\u0000":"x"})",        // in a key
           R"({"a":["ok","\u0000"]})",  // in an array
           R"({"a":{"b":{"c":"\u0000"}}})",
       }) {
    EXPECT_FALSE(parse_object(text)) << text;
  }
}

TEST(JsonBinding, RefusesLoneSurrogateEscapesAndInvalidUtf8) {
  for (const char* text : {R"({"a":"\ud800"})", R"({"a":"\udc00"})", R"({"a":"\ud800\u0041"})", R"({"a":"x\udfff"})",
                           "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xff\"}", "{\"a\":\"\xc0\xaf\"}"}) {
    EXPECT_FALSE(parse_object(text)) << text;
  }
}

TEST(JsonBinding, KeepsKoreanEmojiTabsAndLineBreaks) {
  const auto object = parse_object(R"({"a":"댕댕이 🐶","b":"tab\there\nline\r\n","c":"\ud83d\udc36","d":"\ufffd"})");
  ASSERT_TRUE(object);
  EXPECT_EQ(object->at("a").as_string(), "댕댕이 🐶");
  EXPECT_EQ(object->at("b").as_string(), "tab\there\nline\r\n");
  EXPECT_EQ(object->at("c").as_string(), "🐶");
  EXPECT_EQ(object->at("d").as_string(), "\xef\xbf\xbd");
}

TEST(JsonBinding, TakesWholeNumbersAndNumericStringsWhenWholeNumberField) {
  const auto object =
      boost::json::parse(
          R"({"a":3,"b":"7","c":" 8 ","d":"","e":2.5,"f":"x","g":[1],"h":null,"i":1e300,"j":-4,"k":3.0})")
          .as_object();
  using platform::json::whole_number_field;
  EXPECT_EQ(whole_number_field(object, "a"), 3);
  EXPECT_EQ(whole_number_field(object, "b"), 7);
  EXPECT_EQ(whole_number_field(object, "c"), 8);
  EXPECT_EQ(whole_number_field(object, "d"), 0) << "\"\" is 0, as Jackson";
  EXPECT_EQ(whole_number_field(object, "e"), std::nullopt);
  EXPECT_EQ(whole_number_field(object, "f"), std::nullopt);
  EXPECT_EQ(whole_number_field(object, "g"), std::nullopt);
  EXPECT_EQ(whole_number_field(object, "h"), std::nullopt);
  EXPECT_EQ(whole_number_field(object, "i"), std::nullopt);
  EXPECT_EQ(whole_number_field(object, "j"), -4);
  EXPECT_EQ(whole_number_field(object, "k"), 3);
  EXPECT_EQ(whole_number_field(object, "missing"), std::nullopt);
}

// The status a read answers: 0 when it succeeds.
int status_of_reading(std::string_view text) {
  try {
    read_object(text);
    return 0;
  } catch (const platform::http::client_error& e) {
    return static_cast<int>(e.code);
  }
}

TEST(JsonRequestBody, ReadsAnObject) {
  EXPECT_EQ(read_object(R"({"nick":"댕댕"})").at("nick").as_string(), "댕댕");
  EXPECT_EQ(status_of_reading("{}"), 0);
}

TEST(JsonRequestBody, Answers400WhenNotAnObject) {
  for (const char* text : {"", "[]", "1", "null", "{", "not json", "{} {}"}) {
    EXPECT_EQ(status_of_reading(text), 400) << text;
  }
}

TEST(JsonRequestBody, Answers400WhenTextIsRefused) {
  EXPECT_EQ(status_of_reading(R"({"email":"\u0000"})"), 400);
  EXPECT_EQ(status_of_reading(R"({"content":"a\u0007b"})"), 400);
  EXPECT_EQ(status_of_reading(R"({"dogs":[{"name":"\u0085"}]})"), 400);
}

namespace data_file = platform::json::data_file;

// The message the read threw, or "" when it did not throw.
template <class Read>
std::string failure_of(Read read) {
  try {
    read();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(JsonDataFile, ReadsFieldsOfTheirOwnTypeOnly) {
  const auto item = boost::json::parse(R"({"name":"Bori","age":3,"weight":4.5,"tags":["a"],"count":"3"})").as_object();
  EXPECT_EQ(data_file::text(item, "name"), "Bori");
  EXPECT_EQ(data_file::integer(item, "age"), 3);
  EXPECT_DOUBLE_EQ(data_file::number(item, "weight"), 4.5);
  EXPECT_DOUBLE_EQ(data_file::number(item, "age"), 3.0);
  EXPECT_EQ(data_file::list(item, "tags").size(), 1U);
  EXPECT_EQ(failure_of([&] { data_file::integer(item, "count"); }), R"(demo data: "count" must be an integer)")
      << "no coercion, unlike request binding";
  EXPECT_EQ(failure_of([&] { data_file::text(item, "age"); }), R"(demo data: "age" must be a string)");
  EXPECT_EQ(failure_of([&] { data_file::integer(item, "weight"); }), R"(demo data: "weight" must be an integer)");
  EXPECT_EQ(failure_of([&] { data_file::list(item, "name"); }), R"(demo data: "name" must be a list)");
  EXPECT_EQ(failure_of([&] { data_file::number(item, "owner"); }), R"(demo data: missing "owner")");
}

TEST(JsonDataFile, ReadsAFileThatHoldsAnObject) {
  const auto dir = std::filesystem::temp_directory_path() / ("data_file_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "good.json") << R"({"members":[]})";
  std::ofstream(dir / "list.json") << "[1]";
  EXPECT_TRUE(data_file::read_object_file(dir / "good.json").contains("members"));
  EXPECT_EQ(data_file::read_file(dir / "list.json"), "[1]");
  EXPECT_EQ(failure_of([&] { data_file::read_object_file(dir / "list.json"); }),
            "demo data: " + (dir / "list.json").string() + " is not a JSON object");
  EXPECT_EQ(failure_of([&] { data_file::read_file(dir / "absent.json"); }),
            "demo data: cannot read " + (dir / "absent.json").string());
  std::filesystem::remove_all(dir);
}

// A multipart request of the parts given as {name, filename or "" for a text part, data}.
platform::http::request multipart_request(const std::vector<std::array<std::string, 3>>& parts) {
  platform::http::request req;
  req.raw.set("Content-Type", "multipart/form-data; boundary=XyZ");
  std::string body;
  for (const auto& [name, filename, data] : parts) {
    body += "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"";
    body += "\r\n\r\n" + data + "\r\n";
  }
  req.raw.body() = body + "--XyZ--\r\n";
  return req;
}

template <class Read>
int status_of(Read read) {
  try {
    read();
    return 0;
  } catch (const platform::http::client_error& e) {
    return static_cast<int>(e.code);
  }
}

TEST(JsonForm, ReadsJsonTextAndFileParts) {
  const auto form = platform::json::form::read(multipart_request(
      {{"data", "", R"({"title":"t"})"}, {"note", "", "hi"}, {"img", "a.png", "A"}, {"img", "b.png", "B"}}));
  EXPECT_EQ(form.json("data").at("title").as_string(), "t");
  EXPECT_EQ(form.text("note"), "hi");
  const auto files = form.files("img");
  ASSERT_EQ(files.size(), 2U);
  EXPECT_EQ(files[1].filename, "b.png");
  EXPECT_EQ(files[1].bytes, "B");
  EXPECT_TRUE(form.files("note").empty()) << "a text part is no file";
}

TEST(JsonForm, AnEmptyFirstFileMeansNoFiles) {
  const auto form = platform::json::form::read(multipart_request({{"img", "empty.png", ""}, {"img", "b.png", "B"}}));
  EXPECT_TRUE(form.files("img").empty());
}

TEST(JsonForm, Answers415ForAnotherTypeAnd400ForMissingOrUnreadableParts) {
  platform::http::request plain;
  plain.raw.set("Content-Type", "application/json");
  EXPECT_EQ(status_of([&] { platform::json::form::read(plain); }), 415);
  const auto form = platform::json::form::read(multipart_request({{"data", "", "[1]"}, {"bad", "", "a\x01"}}));
  EXPECT_EQ(status_of([&] { form.json("data"); }), 400) << "not an object";
  EXPECT_EQ(status_of([&] { form.json("absent"); }), 400);
  EXPECT_EQ(status_of([&] { form.text("absent"); }), 400);
  EXPECT_EQ(status_of([&] { form.text("bad"); }), 400) << "a control character";
}

}  // namespace
