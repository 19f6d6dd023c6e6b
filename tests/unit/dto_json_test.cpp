// DTOs written and bound through their description: camelCase keys, renamed and left-out members, null for absent
// text, instants as the contract's dates, list filters from the query.
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <gtest/gtest.h>

#include "apps/daengtionary/chat/dto.hpp"
#include "apps/daengtionary/common/binding.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/friend/dto.hpp"
#include "apps/daengtionary/place/dto.hpp"
#include "apps/daengtionary/trade/dto.hpp"
#include "platform/http/message.hpp"

namespace {

using daengtionary::camel_case;
using daengtionary::dto_json;

TEST(CamelCase, JoinsSnakeCaseWords) {
  EXPECT_EQ(camel_case("post_status"), "postStatus");
  EXPECT_EQ(camel_case("max_count"), "maxCount");
  EXPECT_EQ(camel_case("title"), "title");
  EXPECT_EQ(camel_case("trailing_"), "trailing_");
}

TEST(DtoJson, WritesEveryMemberUnderItsCamelCaseName) {
  const daengtionary::chat::message_record message{7,      3,      "TALK",
                                                   "멍멍", "안녕", "2022년 10월 05일 수요일 오후 03:12:45"};
  EXPECT_EQ(dto_json(message), (boost::json::object{{"messageNo", 7},
                                                    {"roomNo", 3},
                                                    {"type", "TALK"},
                                                    {"sender", "멍멍"},
                                                    {"message", "안녕"},
                                                    {"date", "2022년 10월 05일 수요일 오후 03:12:45"}}));
}

TEST(DtoJson, RenamesAndLeavesOutWhatTheWireSpellsOtherwise) {
  const daengtionary::place::review_record review{5, 2, 9, "해피", "좋아요", std::nullopt, 4};
  EXPECT_EQ(dto_json(review, {{"image", "memberImgUrl"}}, {"map_no", "member_no"}),
            (boost::json::object{
                {"reviewNo", 5}, {"nick", "해피"}, {"content", "좋아요"}, {"memberImgUrl", nullptr}, {"star", 4}}));
}

TEST(DtoJson, WritesAbsentTextAsNullAndInstantsAsKoreanDates) {
  daengtionary::matching::post_summary post;
  post.created_at = 1'664'950'365'000'000;
  post.modified_at = post.created_at + 1'000'000;
  const auto json = dto_json(post);
  EXPECT_TRUE(json.at("image").is_null());
  EXPECT_EQ(json.at("createdAt"), daengtionary::korean_datetime(post.created_at).c_str());
  EXPECT_EQ(json.at("modifiedAt"), daengtionary::korean_datetime(post.modified_at).c_str());
  EXPECT_EQ(json.at("maxCount"), 0);  // a count, not an instant
}

TEST(QueryFilter, ReadsEveryMemberFromItsCamelCaseParameter) {
  platform::http::request req;
  req.query = {{"title", "a"}, {"content", "b"}, {"nick", "c"}, {"address", "d"}, {"postStatus", "판매중"}};
  const auto filter = daengtionary::query_filter<daengtionary::trade::trade_filter>(req);
  EXPECT_EQ(filter.title, "a");
  EXPECT_EQ(filter.content, "b");
  EXPECT_EQ(filter.nick, "c");
  EXPECT_EQ(filter.address, "d");
  EXPECT_EQ(filter.post_status, "판매중");
}

TEST(QueryFilter, RefusesAMissingParameter) {
  platform::http::request req;
  req.query = {{"title", "a"}, {"content", ""}, {"nick", ""}, {"address", ""}};  // no postStatus
  EXPECT_THROW(daengtionary::query_filter<daengtionary::trade::trade_filter>(req), platform::http::client_error);
}

}  // namespace
