// Bbodok's room feature without a database: reading windows and ids, which windows are cached, and the exact
// RoomResponse / RoomHistoryResponse JSON.
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "apps/bbodok/room/dto.hpp"
#include "apps/bbodok/room/json.hpp"
#include "apps/bbodok/room/query.hpp"
#include "apps/bbodok/room/service.hpp"
#include "platform/time/seoul.hpp"

namespace {

namespace http = platform::http;
namespace room = bbodok::room;

constexpr std::int64_t day = platform::time::micros_per_day;
// 2023-07-01T00:00:00 in Seoul.
constexpr std::int64_t july_first = 1688137200LL * 1'000'000;

http::request with_query(http::params query) {
  http::request req;
  req.query = std::move(query);
  return req;
}

TEST(RoomQuery, ReadsAWindowOfNaiveSeoulDatetimes) {
  const auto w = room::window_of(with_query({{"from", "2023-07-01T00:00:00"}, {"to", "2023-07-15T00:00"}}));
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->from, july_first);
  EXPECT_EQ(w->to, july_first + 14 * day);
}

TEST(RoomQuery, RefusesMissingMalformedReversedAndOverlongWindows) {
  const http::params refused[] = {
      {{"from", "2023-07-01T00:00:00"}},
      {{"to", "2023-07-01T00:00:00"}},
      {{"from", "2023-02-30T00:00:00"}, {"to", "2023-07-01T00:00:00"}},
      {{"from", "2023-07-01"}, {"to", "2023-07-02T00:00:00"}},
      {{"from", std::string("2023-07-01T00:00:00\0", 20)}, {"to", "2023-07-02T00:00:00"}},
      {{"from", "2023-07-02T00:00:00"}, {"to", "2023-07-01T00:00:00"}},
      {{"from", "2022-01-01T00:00:00"}, {"to", "2023-07-01T00:00:00"}},
      {{"from", std::string(5000, '9')}, {"to", "2023-07-01T00:00:00"}},
  };
  for (const auto& query : refused) {
    const auto w = room::window_of(with_query(query));
    ASSERT_FALSE(w.has_value()) << query.front().second;
    EXPECT_EQ(w.error().message, "알 수 없는 오류가 발생했어요.");
  }
  EXPECT_TRUE(room::checked_window(july_first, july_first + room::max_window_days * day).has_value());
  EXPECT_FALSE(room::checked_window(july_first, july_first + room::max_window_days * day + 1).has_value());
}

TEST(RoomQuery, ReadsOnlyPositiveWholeIds) {
  EXPECT_EQ(room::id_of(with_query({{"groupId", "7"}}), "groupId").value(), 7);
  for (const char* text : {"0", "-1", "abc", "1.5", " 1", "", "99999999999999999999"}) {
    EXPECT_FALSE(room::id_of(with_query({{"groupId", text}}), "groupId").has_value()) << text;
  }
  EXPECT_FALSE(room::id_of(with_query({}), "groupId").has_value());
  EXPECT_EQ(room::id_of(boost::json::parse(R"({"roomId":12})").as_object(), "roomId").value(), 12);
  for (const char* body : {R"({"roomId":-3})", R"({"roomId":1.5})", R"({"roomId":[1]})", R"({"roomId":null})", "{}"}) {
    EXPECT_FALSE(room::id_of(boost::json::parse(body).as_object(), "roomId").has_value()) << body;
  }
}

TEST(RoomWindow, CachesOnlyMidnightAlignedWindowsUpToTheLimit) {
  EXPECT_TRUE(room::cacheable(room::window{july_first, july_first + 14 * day}, 31));
  EXPECT_TRUE(room::cacheable(room::window{july_first, july_first + 31 * day}, 31));
  EXPECT_FALSE(room::cacheable(room::window{july_first, july_first + 32 * day}, 31));
  EXPECT_FALSE(room::cacheable(room::window{july_first + 1, july_first + 14 * day}, 31));
  EXPECT_FALSE(room::cacheable(room::window{july_first, july_first + 14 * day - 1'000'000}, 31));
}

TEST(RoomJson, RendersEveryKeyInTheFrontendsShape) {
  const room::room_view view{
      room::room_record{5, 2, july_first + 10 * 3600'000'000LL, july_first + 10 * 3600'000'000LL + 25 * 60'000'000LL},
      {room::occupant{3, "https://k/3.jpg"}, room::occupant{4, std::nullopt}}};
  EXPECT_EQ(boost::json::serialize(room::room_json(view, true)),
            R"({"roomId":5,"groupId":2,"startTime":"2023-07-01T10:00:00","endTime":"2023-07-01T10:25:00",)"
            R"("profiles":["https://k/3.jpg",null],"memberIds":[3,4]})");
  EXPECT_EQ(boost::json::serialize(room::room_json(view, false)),
            R"({"roomId":5,"groupId":2,"startTime":"2023-07-01T10:00:00","endTime":"2023-07-01T10:25:00",)"
            R"("profiles":["https://k/3.jpg",null],"memberIds":null})");
  EXPECT_EQ(
      boost::json::serialize(room::emptied_room_json(july_first)),
      R"({"roomId":null,"groupId":null,"startTime":"2023-07-01T00:00:00","endTime":null,"profiles":null,"memberIds":null})");
  EXPECT_EQ(boost::json::serialize(room::entry_json(room::entry_record{july_first + 123456, std::nullopt})),
            R"({"enterTime":"2023-07-01T00:00:00.123456","exitTime":null})");
  EXPECT_EQ(boost::json::serialize(room::entry_json(room::entry_record{july_first, july_first + 1'500'000})),
            R"({"enterTime":"2023-07-01T00:00:00","exitTime":"2023-07-01T00:00:01.5"})");
}

}  // namespace
