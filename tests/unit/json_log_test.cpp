// The JSON log format: any message is one valid JSON object per line; access lines carry their fields.
#include "platform/obs/json_log.hpp"

#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <spdlog/details/log_msg.h>

namespace {

using platform::obs::append_json_string;

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string format(std::string_view logger, spdlog::level::level_enum level, std::string_view payload) {
  const spdlog::details::log_msg msg(spdlog::string_view_t(logger.data(), logger.size()), level,
                                     spdlog::string_view_t(payload.data(), payload.size()));
  spdlog::memory_buf_t out;
  platform::obs::json_formatter().format(msg, out);
  return {out.data(), out.size()};
}

TEST(JsonLog, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(json_string("say \"hi\" \\ now"), R"("say \"hi\" \\ now")");
  EXPECT_EQ(json_string("a\nb\tc\rd"), R"("a\nb\tc\rd")");
  EXPECT_EQ(json_string(std::string("nul\0bell\a esc\x1b del\x7f", 19)),
            R"("nul\u0000bell\u0007 esc\u001b del\u007f")");
  EXPECT_EQ(json_string("c1 \xc2\x85 end"), R"("c1 \u0085 end")");
}

TEST(JsonLog, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(json_string("댕댕이 ok"), "\"댕댕이 ok\"");
  EXPECT_EQ(json_string("bad \xff byte"), R"("bad \ufffd byte")");
  EXPECT_EQ(json_string("cut \xed\x95"), R"("cut \ufffd\ufffd")");    // a truncated sequence
  EXPECT_EQ(json_string("\xc0\xaf"), R"("\ufffd\ufffd")");            // an overlong '/'
  EXPECT_EQ(json_string("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");  // an encoded surrogate
}

TEST(JsonLog, EveryByteValueMakesValidJson) {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  const auto parsed = boost::json::parse(json_string(all + all));
  ASSERT_TRUE(parsed.is_string());
}

TEST(JsonLog, FormatsOneObjectPerLineWithTimeLevelAndMessage) {
  const std::string line = format("", spdlog::level::warn, "pool \"saturated\"\n\xff");
  ASSERT_TRUE(line.ends_with("}\n"));
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const auto object = boost::json::parse(line).as_object();
  EXPECT_EQ(object.at("level").as_string(), "warning");
  EXPECT_EQ(object.at("message").as_string(), "pool \"saturated\"\n\xef\xbf\xbd");
  const std::string time(object.at("time").as_string());
  EXPECT_EQ(time.size(), std::string_view("2026-12-06T07:02:34.123Z").size()) << time;
  EXPECT_EQ(time.back(), 'Z');
}

TEST(JsonLog, GivesAccessLinesTheirFieldsAsMembers) {
  const std::string line =
      format(platform::obs::access_logger_name, spdlog::level::info, R"("request_id":"r1","status":404)");
  const auto object = boost::json::parse(line).as_object();
  EXPECT_EQ(object.at("message").as_string(), "access");
  EXPECT_EQ(object.at("request_id").as_string(), "r1");
  EXPECT_EQ(object.at("status").as_int64(), 404);
}

}  // namespace
