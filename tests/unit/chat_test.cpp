// Pure pieces of chat and matching: the personal-room key, talk validation, the message JSON, the channel name,
// character counting.
#include <string>

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "apps/daengtionary/chat/message_json.hpp"
#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/common/text.hpp"

namespace {

using daengtionary::errc;

TEST(ChatService, GivesBothMembersTheSameKeyWhenPersonalKey) {
  EXPECT_EQ(daengtionary::chat::personal_key(3, 12), "3:12");
  EXPECT_EQ(daengtionary::chat::personal_key(12, 3), "3:12");
}

TEST(ChatService, RefusesBlankAndOverLongTextWhenValidateTalk) {
  using daengtionary::chat::validate_talk;
  EXPECT_TRUE(validate_talk("안녕").has_value());
  EXPECT_EQ(validate_talk("").error(), errc::not_valid_content);
  EXPECT_EQ(validate_talk(" \t\r\n").error(), errc::not_valid_content);
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "멍";
  EXPECT_TRUE(validate_talk(text).has_value()) << "1000 characters of 3 bytes each";
  EXPECT_EQ(validate_talk(text + "!").error(), errc::not_valid_content);
}

TEST(ChatMessageJson, WritesTheContractKeysInOrderWhenMessageJson) {
  const daengtionary::chat::message_record message{15,     5,      "TALK",
                                                   "댕댕", "안녕", "2022년 10월 05일 수요일 오후 03:12:45"};
  EXPECT_EQ(boost::json::serialize(daengtionary::chat::message_json(message)),
            R"({"messageNo":15,"roomNo":5,"type":"TALK","sender":"댕댕","message":"안녕",)"
            R"("date":"2022년 10월 05일 수요일 오후 03:12:45"})");
  EXPECT_EQ(daengtionary::chat::room_channel(5), "/sub/chat/room/5");
}

TEST(Text, CountsCodePointsWhenUtf8Length) {
  EXPECT_EQ(daengtionary::utf8_length(""), 0U);
  EXPECT_EQ(daengtionary::utf8_length("abc"), 3U);
  EXPECT_EQ(daengtionary::utf8_length("댕댕이"), 3U);
  EXPECT_EQ(daengtionary::utf8_length("a🐶b"), 3U);
}

}  // namespace
