// Bbodok's rooms on both databases: the original's RoomServiceTest, RoomStompServiceTest and
// StudyHistoryServiceTest (contract §9) ported to the real services and repositories, plus the rules the port
// adds (members of the group only, one open entry, one room per slot under concurrent adds, fresh caches).
#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/detached.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "apps/bbodok/common/events.hpp"
#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/room/booking.hpp"
#include "apps/bbodok/room/calendar.hpp"
#include "apps/bbodok/room/departures.hpp"
#include "apps/bbodok/room/group_events.hpp"
#include "apps/bbodok/room/service.hpp"
#include "apps/bbodok/study/history.hpp"
#include "platform/kv/in_process_cache.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/time/seoul.hpp"
#include "tests/db/bbodok_database.hpp"
#include "tests/db/run_awaitable.hpp"

namespace {

using namespace test_db;
namespace asio = platform::asio;
namespace room = bbodok::room;

constexpr std::int64_t minute = 60'000'000LL;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;

struct studied_time {
  std::int64_t group_id;
  std::int64_t member_id;
  std::int64_t micros;
};

asio::awaitable<void> record(std::vector<studied_time>* into, std::int64_t group_id, std::int64_t member_id,
                             std::int64_t micros) {
  into->push_back(studied_time{group_id, member_id, micros});
  co_return;
}

template <class Backend>
class BbodokRooms : public bbodok_database<Backend> {
 protected:
  BbodokRooms() : bbodok_database<Backend>("bbodok_room", 6) {}

  void prepare() override {
    calendar_ = std::make_unique<room::calendar>(this->db(), store_);
    history_ = std::make_unique<bbodok::study::history>(this->db(), store_);
    changes_.rooms_changed = [this](std::int64_t group_id) { return calendar_->changed(group_id); };
    changes_.reservations_changed = [this](std::int64_t member_id) { return history_->changed(member_id); };
    changes_.studied = [this](std::int64_t group_id, std::int64_t member_id, std::int64_t micros) {
      return record(&studied_, group_id, member_id, micros);
    };
    memberships_ = std::make_unique<bbodok::group::memberships>(this->db(), store_);
    rooms_ = std::make_unique<room::service>(this->db(), *memberships_, *calendar_, changes_);
    booking_ = std::make_unique<room::booking>(this->db(), bus_, changes_);
  }

  std::int64_t add_group() {
    const auto id = this->conn().query(
        "INSERT INTO study_group (owner_id, name, secret, path, everyone, created_at, updated_at) "
        "VALUES (NULL, '스터디', 0, ?, 0, 0, 0) RETURNING group_id",
        {"path-" + std::to_string(++groups_)});
    return id[0].as_int(0);
  }
  void join(std::int64_t member_id, std::int64_t group_id) {
    this->conn().execute("INSERT INTO membership (member_id, group_id, joined_at) VALUES (?, ?, 0)",
                         {member_id, group_id});
    run_awaitable(memberships_->changed(member_id));
  }
  std::int64_t member_in(std::int64_t group_id, const std::string& name) {
    const auto id = this->add_member(name, "https://k.kakaocdn.net/" + name + ".jpg");
    join(id, group_id);
    return id;
  }
  std::int64_t add_room(std::int64_t group_id, std::int64_t start, const std::vector<std::int64_t>& members) {
    const auto id = this->conn().query(
        "INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 0, 0) RETURNING room_id",
        {group_id, members.front(), start, start + 25 * minute});
    for (const auto member_id : members) {
      this->conn().execute(
          "INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, 0, 0)",
          {member_id, id[0].as_int(0), start, start + 25 * minute});
    }
    return id[0].as_int(0);
  }
  std::int64_t scalar(const std::string& query, std::initializer_list<sql::value> params = {}) {
    return this->conn().query(query, params)[0].as_int(0);
  }
  // What the group's topic received, parsed.
  std::vector<boost::json::object> broadcasts(std::int64_t group_id) {
    const std::lock_guard lock(mutex_);
    std::vector<boost::json::object> out;
    for (const auto& [topic, body] : published_) {
      if (topic == room::group_topic(group_id)) out.push_back(boost::json::parse(body).as_object());
    }
    return out;
  }
  void listen(std::int64_t group_id) {
    feeds_.push_back(bus_.subscribe(room::group_topic(group_id),
                                    [this](std::string_view topic, const std::shared_ptr<const std::string>& body) {
                                      const std::lock_guard lock(mutex_);
                                      published_.emplace_back(std::string(topic), *body);
                                    }));
  }

  platform::kv::in_process_cache store_;
  platform::kv::in_process_pubsub bus_;
  std::unique_ptr<room::calendar> calendar_;
  std::unique_ptr<bbodok::study::history> history_;
  std::unique_ptr<bbodok::group::memberships> memberships_;
  room::listeners changes_;
  std::vector<studied_time> studied_;
  std::unique_ptr<room::service> rooms_;
  std::unique_ptr<room::booking> booking_;
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> published_;
  std::vector<platform::kv::subscription> feeds_;
  int groups_ = 0;
};
TYPED_TEST_SUITE(BbodokRooms, backends, backend_names);

constexpr std::int64_t now = seoul_morning;

// RoomServiceTest.testBrowseGroupRooms, for members of the group only, with avatars and member ids derived
// from the reservations of members still in the group.
TYPED_TEST(BbodokRooms, BrowsesTheGroupsRoomsInsideTheWindow) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto hanni = this->member_in(group, "hanni");
  const auto gone = this->member_in(group, "gone");
  const auto inside = this->add_room(group, now + hour, {minji, hanni, gone});
  this->add_room(group, now + 4 * hour, {minji});
  this->conn().execute("DELETE FROM membership WHERE member_id = ?", {gone});
  run_awaitable(this->memberships_->changed(gone));
  const auto listed =
      run_awaitable(this->rooms_->group_rooms(minji, group, room::window{now - 3 * hour, now + 3 * hour}));
  ASSERT_TRUE(listed.has_value());
  const auto rooms = boost::json::parse(*listed).as_array();
  ASSERT_EQ(rooms.size(), 1U);
  EXPECT_EQ(rooms[0].at("roomId").as_int64(), inside);
  EXPECT_EQ(rooms[0].at("startTime").as_string(), "2023-07-01T10:00:00");
  EXPECT_EQ(rooms[0].at("endTime").as_string(), "2023-07-01T10:25:00");
  EXPECT_EQ(boost::json::serialize(rooms[0].at("memberIds")),
            "[" + std::to_string(minji) + "," + std::to_string(hanni) + "]");
  EXPECT_EQ(rooms[0].at("profiles").as_array().size(), 2U);
  const auto stranger = run_awaitable(this->rooms_->group_rooms(gone, group, room::window{now, now + day}));
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().code, bbodok::errc::not_found);
}

// RoomServiceTest.testBrowseGroupRoomsWhichMemberMadeReservation
TYPED_TEST(BbodokRooms, ListsOnlyTheRoomsTheMemberReserved) {
  const auto group = this->add_group();
  const auto other = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto hanni = this->member_in(group, "hanni");
  this->join(minji, other);
  const auto mine = this->add_room(group, now + hour, {minji, hanni});
  this->add_room(group, now + 2 * hour, {hanni});
  const auto elsewhere = this->add_room(other, now + 3 * hour, {minji});
  const room::window w{now, now + day};
  const auto in_group = run_awaitable(this->rooms_->reserved_in_group(minji, group, w));
  ASSERT_TRUE(in_group.has_value());
  ASSERT_EQ(in_group->size(), 1U);
  EXPECT_EQ(in_group->front().room.room_id, mine);
  EXPECT_EQ(in_group->front().occupants.size(), 2U);
  const auto everywhere = run_awaitable(this->rooms_->reserved(minji, w));
  ASSERT_EQ(everywhere.size(), 2U);
  EXPECT_EQ(everywhere[0].room.room_id, mine);
  EXPECT_EQ(everywhere[1].room.room_id, elsewhere);
}

// RoomServiceTest.testGenerateRoomEntryHistory: early entries start at the room's start; re-entering with an
// open entry returns it.
TYPED_TEST(BbodokRooms, RecordsAnEntryClampedToTheStart) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto id = this->add_room(group, now + 5 * minute, {minji});
  const auto entered = run_awaitable(this->rooms_->enter(minji, id, now));
  ASSERT_TRUE(entered.has_value());
  EXPECT_EQ(entered->enter_time, now + 5 * minute);
  const auto again = run_awaitable(this->rooms_->enter(minji, id, now + 10 * minute));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->enter_time, now + 5 * minute);
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM room_entry"), 1);
}

// RoomServiceTest.testGenerateRoomEntryHistoryWithInvalidEnterTime, and entries without a reservation.
TYPED_TEST(BbodokRooms, RefusesEntriesAfterTheEndAndWithoutAReservation) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto hanni = this->member_in(group, "hanni");
  const auto yesterday = this->add_room(group, now - day, {minji});
  const auto late = run_awaitable(this->rooms_->enter(minji, yesterday, now));
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().message, "입장 가능한 시간이 아닙니다.");
  const auto id = this->add_room(group, now, {minji});
  const auto stranger = run_awaitable(this->rooms_->enter(hanni, id, now));
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().message, "사용자가 참여하고 있는 방이 아닙니다.memberId :" + std::to_string(hanni) +
                                          " roomId :" + std::to_string(id));
  EXPECT_EQ(run_awaitable(this->rooms_->enter(minji, 987654, now)).error().code, bbodok::errc::not_found);
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM room_entry"), 0);
}

// RoomServiceTest.testUpdateRoomExitHistory: the open entry is closed and its time counted on the reservation,
// the membership (the ranking) and by the listener.
TYPED_TEST(BbodokRooms, ClosesTheOpenEntryAndCountsTheTime) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto id = this->add_room(group, now, {minji});
  ASSERT_TRUE(run_awaitable(this->rooms_->enter(minji, id, now + minute)).has_value());
  const auto left = run_awaitable(this->rooms_->leave(minji, id, now + 11 * minute));
  ASSERT_TRUE(left.has_value() && left->has_value());
  EXPECT_EQ((*left)->enter_time, now + minute);
  EXPECT_EQ((*left)->exit_time, now + 11 * minute);
  EXPECT_EQ(this->scalar("SELECT study_time FROM reservation WHERE room_id = ?", {id}), 10 * minute);
  EXPECT_EQ(this->scalar("SELECT study_time FROM membership WHERE member_id = ? AND group_id = ?", {minji, group}),
            10 * minute);
  ASSERT_EQ(this->studied_.size(), 1U);
  EXPECT_EQ(this->studied_[0].group_id, group);
  EXPECT_EQ(this->studied_[0].micros, 10 * minute);
  const auto twice = run_awaitable(this->rooms_->leave(minji, id, now + 12 * minute));
  EXPECT_FALSE(twice.has_value()) << "no open entry left";
}

// RoomServiceTest.testUpdateRoomExitHistoryWhenAfterRoomExitTime, and an exit before the start.
TYPED_TEST(BbodokRooms, ClampsALateExitToTheEndAndIgnoresAnEarlyOne) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto id = this->add_room(group, now, {minji});
  ASSERT_TRUE(run_awaitable(this->rooms_->enter(minji, id, now - minute)).has_value());
  const auto early = run_awaitable(this->rooms_->leave(minji, this->add_room(group, now + hour, {minji}), now));
  ASSERT_TRUE(early.has_value());
  EXPECT_FALSE(early->has_value());
  const auto left = run_awaitable(this->rooms_->leave(minji, id, now + hour));
  ASSERT_TRUE(left.has_value() && left->has_value());
  EXPECT_EQ((*left)->exit_time, now + 25 * minute);
  EXPECT_EQ(this->scalar("SELECT study_time FROM reservation WHERE room_id = ?", {id}), 25 * minute);
}

// RoomServiceTest.testGetNearestRoom: by end time, rooms over excluded.
TYPED_TEST(BbodokRooms, FindsTheNearestReservation) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  EXPECT_FALSE(run_awaitable(this->rooms_->nearest(minji, now)).has_value());
  this->add_room(group, now + day, {minji});
  const auto today = this->add_room(group, now - 10 * minute, {minji});
  this->add_room(group, now - hour, {minji});
  const auto nearest = run_awaitable(this->rooms_->nearest(minji, now));
  ASSERT_TRUE(nearest.has_value());
  EXPECT_EQ(nearest->room.room_id, today);
  EXPECT_EQ(nearest->room.end_time, now + 15 * minute);
}

// RoomStompServiceTest.testGenerateRoom: the start is kept; the creator holds the room; the broadcast is the
// REST shape.
TYPED_TEST(BbodokRooms, MakesARoomOf25Minutes) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  this->listen(group);
  ASSERT_TRUE(run_awaitable(this->booking_->add(minji, group, now + hour, now + hour + 25 * minute, now)).has_value());
  EXPECT_EQ(this->scalar("SELECT start_time FROM room WHERE group_id = ? AND deleted = 0", {group}), now + hour);
  const auto seen = this->broadcasts(group);
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(seen[0].at("startTime").as_string(), "2023-07-01T10:00:00");
  EXPECT_EQ(boost::json::serialize(seen[0].at("memberIds")), "[" + std::to_string(minji) + "]");
  // The calendar already holds it.
  const auto listed = run_awaitable(this->rooms_->group_rooms(minji, group, room::window{now, now + day}));
  EXPECT_EQ(boost::json::parse(*listed).as_array().size(), 1U);
}

// RoomStompServiceTest.testGenerateRoomWithInvalidRequestTime, and the other refusals: nothing changes.
TYPED_TEST(BbodokRooms, RefusesBadTimesNonMembersAndRoomsOfOtherGroups) {
  const auto group = this->add_group();
  const auto other = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto stranger = this->member_in(other, "stranger");
  const auto thirty = run_awaitable(this->booking_->add(minji, group, now + hour, now + hour + 30 * minute, now));
  ASSERT_FALSE(thirty.has_value());
  EXPECT_EQ(thirty.error().message, "유효하지 않은 요청 시간입니다.");
  EXPECT_FALSE(run_awaitable(this->booking_->add(minji, group, now - hour, now - 35 * minute, now)).has_value());
  EXPECT_FALSE(
      run_awaitable(this->booking_->add(stranger, group, now + hour, now + hour + 25 * minute, now)).has_value());
  const auto id = this->add_room(group, now + hour, {minji});
  EXPECT_FALSE(run_awaitable(this->booking_->toggle(stranger, id, group, now)).has_value());
  this->join(minji, other);
  EXPECT_FALSE(run_awaitable(this->booking_->toggle(minji, id, other, now)).has_value());
  EXPECT_FALSE(run_awaitable(this->booking_->toggle(minji, id, group, now + 2 * hour)).has_value()) << "over";
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM room"), 1);
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM reservation WHERE cancelled = 0"), 1);
}

// RoomStompServiceTest.testJoinRoom (really leaving) and testJoinRoomWhenAlreadyJoined (really joining).
TYPED_TEST(BbodokRooms, TogglesAReservation) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto hanni = this->member_in(group, "hanni");
  const auto dani = this->member_in(group, "dani");
  const auto id = this->add_room(group, now + hour, {minji, hanni});
  this->listen(group);
  ASSERT_TRUE(run_awaitable(this->booking_->toggle(dani, id, group, now)).has_value());
  ASSERT_TRUE(run_awaitable(this->booking_->toggle(hanni, id, group, now)).has_value());
  const auto seen = this->broadcasts(group);
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_EQ(seen[0].at("profiles").as_array().size(), 3U);
  EXPECT_EQ(seen[1].at("profiles").as_array().size(), 2U);
  EXPECT_EQ(boost::json::serialize(seen[1].at("memberIds")),
            "[" + std::to_string(minji) + "," + std::to_string(dani) + "]");
  EXPECT_EQ(this->scalar("SELECT deleted FROM room WHERE room_id = ?", {id}), 0);
}

// RoomStompServiceTest.testDeleteRoomWhenNobodyInRoom: the start-time-only payload.
TYPED_TEST(BbodokRooms, ClosesTheRoomWhenTheLastMemberLeaves) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto id = this->add_room(group, now + hour, {minji});
  this->listen(group);
  ASSERT_TRUE(run_awaitable(this->booking_->toggle(minji, id, group, now)).has_value());
  EXPECT_EQ(this->scalar("SELECT deleted FROM room WHERE room_id = ?", {id}), 1);
  const auto seen = this->broadcasts(group);
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(
      boost::json::serialize(seen[0]),
      R"({"roomId":null,"groupId":null,"startTime":"2023-07-01T10:00:00","endTime":null,"profiles":null,"memberIds":null})");
}

// The fix of §11.8: adds of one slot at once make one room, and every sender holds it.
TYPED_TEST(BbodokRooms, ConcurrentAddsOfOneSlotMakeOneRoom) {
  const auto group = this->add_group();
  std::vector<std::int64_t> members;
  for (int i = 0; i < 8; ++i) members.push_back(this->member_in(group, "m" + std::to_string(i)));
  asio::io_context ctx;
  int failures = 0;
  for (const auto member_id : members) {
    asio::co_spawn(ctx, this->booking_->add(member_id, group, now + hour, now + hour + 25 * minute, now),
                   [&failures](std::exception_ptr e, bbodok::result<void> done) { failures += (e || !done) ? 1 : 0; });
  }
  ctx.run();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM room WHERE group_id = ?", {group}), 1);
  EXPECT_EQ(this->scalar("SELECT COUNT(*) FROM reservation WHERE cancelled = 0"), 8);
}

// StudyHistoryServiceTest.testGetDailyDuration and testGetWeeklyDuration: per Seoul date, sorted, cancelled
// reservations included; fresh after an exit.
TYPED_TEST(BbodokRooms, SumsStudyTimePerSeoulDate) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto first = this->add_room(group, now - day, {minji});
  this->add_room(group, now - day + hour, {minji});
  const auto second = this->add_room(group, now, {minji});
  this->conn().execute("UPDATE reservation SET study_time = ?, cancelled = 1 WHERE room_id = ?", {3 * hour, first});
  const room::window w{now - 7 * day, now + day};
  EXPECT_EQ(run_awaitable(this->history_->durations(minji, w)),
            R"([{"calculatedAt":"2023-06-30","duration":"PT3H"},{"calculatedAt":"2023-07-01","duration":"PT0S"}])");
  ASSERT_TRUE(run_awaitable(this->rooms_->enter(minji, second, now)).has_value());
  ASSERT_TRUE(run_awaitable(this->rooms_->leave(minji, second, now + 20 * minute)).has_value());
  EXPECT_EQ(run_awaitable(this->history_->durations(minji, w)),
            R"([{"calculatedAt":"2023-06-30","duration":"PT3H"},{"calculatedAt":"2023-07-01","duration":"PT20M"}])");
}

// A member leaving the group (another feature) cancels their reservations in the same transaction and then
// announces it: the cached calendar is recomputed.
TYPED_TEST(BbodokRooms, RecomputesTheCalendarWhenAGroupChangeIsAnnounced) {
  const auto group = this->add_group();
  const auto minji = this->member_in(group, "minji");
  const auto hanni = this->member_in(group, "hanni");
  this->add_room(group, now + hour, {minji, hanni});
  const room::window w{now, now + day};
  const auto rooms_in = [&] {
    return boost::json::parse(*run_awaitable(this->rooms_->group_rooms(minji, group, w))).as_array();
  };
  ASSERT_EQ(rooms_in()[0].at("memberIds").as_array().size(), 2U);
  room::cancel_reservations_in_group(this->conn(), hanni, group, now);
  this->conn().execute("DELETE FROM membership WHERE member_id = ? AND group_id = ?", {hanni, group});
  asio::io_context ctx;
  auto refreshes = room::calendar_refreshes(*this->calendar_);
  const auto feed = room::refresh_on_group_changes(this->bus_, refreshes, ctx.get_executor());
  this->bus_.publish(bbodok::events::group_rooms_changed, std::make_shared<const std::string>("junk"));
  this->bus_.publish(bbodok::events::group_rooms_changed, std::make_shared<const std::string>(std::to_string(group)));
  ctx.run();
  EXPECT_EQ(rooms_in()[0].at("memberIds").as_array().size(), 1U);
}

}  // namespace
