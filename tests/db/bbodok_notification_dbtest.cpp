// bbodok::notification's rows on SQLite and PostgreSQL: scheduled only for members with a web-push client, removed
// with the reservation, claimed once by one of two concurrent senders, and settled (sent, invalid token, retry).
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "apps/bbodok/notification/repository.hpp"
#include "apps/bbodok/notification/schedule.hpp"
#include "apps/bbodok/room/departures.hpp"
#include "platform/sql/transaction.hpp"
#include "tests/db/bbodok_database.hpp"

namespace {

using namespace test_db;
namespace notification = bbodok::notification;
namespace repository = bbodok::notification::repository;
using repository::outcome;

constexpr std::int64_t minute = 60'000'000LL;
constexpr std::int64_t start = seoul_morning + 60 * minute;  // 10:00
constexpr std::int64_t end = start + 25 * minute;
constexpr std::int64_t lease = 5 * minute;

template <class Backend>
class BbodokNotificationRows : public bbodok_database<Backend> {
 protected:
  BbodokNotificationRows() : bbodok_database<Backend>("bbodok_notification") {}

  std::int64_t add_group() {
    return this->conn()
        .query(
            "INSERT INTO study_group (owner_id, name, secret, path, everyone, created_at, updated_at) "
            "VALUES (NULL, '스터디', 0, ?, 0, 0, 0) RETURNING group_id",
            {"path-" + std::to_string(++groups_)})[0]
        .as_int(0);
  }
  std::int64_t add_room(std::int64_t group_id, std::int64_t owner, std::int64_t at) {
    return this->conn()
        .query(
            "INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 0, 0) RETURNING room_id",
            {group_id, owner, at, at + 25 * minute})[0]
        .as_int(0);
  }
  // A member with a web-push client holding `token`.
  std::int64_t member_with_client(const std::string& token) {
    const auto id = this->add_member("member-" + token);
    this->conn().execute("INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (?, ?, 0, 0)",
                         {id, token});
    return id;
  }
  std::int64_t count(const std::string& query, std::initializer_list<sql::value> params = {}) {
    return this->conn().query(query, params)[0].as_int(0);
  }
  std::optional<std::int64_t> schedule(std::int64_t member, std::int64_t room, std::int64_t at = start) {
    return notification::schedule(this->conn(), member, room, at, at + 25 * minute, seoul_morning);
  }

  int groups_ = 0;
};
TYPED_TEST_SUITE(BbodokNotificationRows, backends, backend_names);

TYPED_TEST(BbodokNotificationRows, ScheduleOnlyForAMemberWithAClientAndOncePerReservation) {
  const auto group = this->add_group();
  const auto with = this->member_with_client("t1");
  const auto without = this->add_member("no client");
  const auto room = this->add_room(group, with, start);
  EXPECT_EQ(this->schedule(with, room), start);
  EXPECT_EQ(this->schedule(with, room), std::nullopt) << "a repeated reservation adds no second push";
  EXPECT_EQ(this->schedule(without, room), std::nullopt);
  const auto running = this->add_room(group, with, seoul_morning - minute);
  EXPECT_EQ(this->schedule(with, running, seoul_morning - minute), std::nullopt) << "joined a running room";
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification"), 1);
  EXPECT_EQ(this->count("SELECT expires_at FROM notification"), end);
}

TYPED_TEST(BbodokNotificationRows, UnscheduleRemovesTheReservationsRowAndLeavingAGroupItsRoomsRows) {
  const auto group = this->add_group();
  const auto other_group = this->add_group();
  const auto member = this->member_with_client("t1");
  const auto friend_id = this->member_with_client("t2");
  const auto room = this->add_room(group, member, start);
  const auto later = this->add_room(group, member, start + 30 * minute);
  const auto elsewhere = this->add_room(other_group, member, start);
  for (const auto r : {room, later, elsewhere}) this->schedule(member, r);
  this->schedule(friend_id, room);

  notification::unschedule(this->conn(), member, room);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification WHERE member_id = ?", {member}), 2);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification WHERE member_id = ?", {friend_id}), 1);
  notification::unschedule_in_group(this->conn(), member, group);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification WHERE member_id = ?", {member}), 1);
  EXPECT_EQ(this->count("SELECT room_id FROM notification WHERE member_id = ?", {member}), elsewhere);
}

// Leaving a group (and withdrawing, which leaves every group) goes through the room feature's departures.
TYPED_TEST(BbodokNotificationRows, LeavingAGroupRemovesThePushesOfItsRooms) {
  const auto group = this->add_group();
  const auto member = this->member_with_client("t1");
  this->schedule(member, this->add_room(group, member, start));
  bbodok::room::cancel_reservations_in_group(this->conn(), member, group, seoul_morning);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification"), 0);
}

TYPED_TEST(BbodokNotificationRows, ClaimsWhatIsDueOnceDropsWhatExpiredAndTellsTheNextDueTime) {
  const auto group = this->add_group();
  const auto member = this->member_with_client("t1");
  const auto gone = this->member_with_client("t2");
  this->schedule(member, this->add_room(group, member, start));
  this->schedule(gone, this->add_room(this->add_group(), gone, start));
  this->schedule(member, this->add_room(group, member, start + 7 * minute), start + 7 * minute);
  this->schedule(member, this->add_room(group, member, start - 30 * minute), start - 30 * minute);  // ended at 09:55
  this->conn().execute("DELETE FROM client WHERE member_id = ?", {gone});
  EXPECT_EQ(repository::next_due(this->conn()), start - 30 * minute);

  EXPECT_TRUE(repository::claim_due(this->conn(), "a-1", start - minute, start - minute + lease, 10).empty());
  const auto due = repository::claim_due(this->conn(), "a-2", start, start + lease, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].fcm_token, "t1");
  EXPECT_EQ(due[0].attempts, 1);
  EXPECT_EQ(due[1].fcm_token, std::nullopt) << "the member has no client any more";
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification"), 3) << "the ended room's row is dropped";
  EXPECT_TRUE(repository::claim_due(this->conn(), "b-1", start + minute, start + minute + lease, 10).empty())
      << "claimed rows wait for their lease";
  EXPECT_EQ(repository::next_due(this->conn()), start + lease) << "the claimed rows, should their sender crash";
  EXPECT_EQ(repository::claim_due(this->conn(), "b-2", start + lease, start + 2 * lease, 10).size(), 2u)
      << "a crashed sender's rows are taken over after the lease";
}

TYPED_TEST(BbodokNotificationRows, SettlesSentInvalidAndRetriedRowsOfItsOwnClaimOnly) {
  const auto sent = this->member_with_client("sent");
  const auto invalid = this->member_with_client("invalid");
  const auto same_token = this->member_with_client("other");
  this->conn().execute("UPDATE client SET fcm_token = 'invalid' WHERE member_id = ?", {same_token});
  const auto retried = this->member_with_client("retried");
  for (const auto m : {sent, invalid, same_token, retried})
    this->schedule(m, this->add_room(this->add_group(), m, start));
  const auto due = repository::claim_due(this->conn(), "claim", start, start + lease, 10);
  ASSERT_EQ(due.size(), 4u);

  std::vector<repository::settled> outcomes;
  for (const auto& row : due) {
    const auto result = *row.fcm_token == "sent"      ? outcome::done
                        : *row.fcm_token == "invalid" ? outcome::invalid_token
                                                      : outcome::retry;
    outcomes.push_back(repository::settled{row.notification_id, result, *row.fcm_token, start + 2 * minute});
  }
  repository::settle(this->conn(), "another claim", outcomes);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification"), 4) << "rows of another claim are left alone";
  repository::settle(this->conn(), "claim", outcomes);

  EXPECT_EQ(this->count("SELECT COUNT(*) FROM client WHERE fcm_token = 'invalid'"), 0);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM client"), 2);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM notification"), 1);
  EXPECT_EQ(this->count("SELECT member_id FROM notification"), retried);
  EXPECT_EQ(repository::next_due(this->conn()), start + 2 * minute);
  const auto again = repository::claim_due(this->conn(), "claim-2", start + 2 * minute, start + 2 * minute + lease, 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
}

// The other sender reads while the first one's claim is uncommitted; it must not get the same rows afterwards.
TYPED_TEST(BbodokNotificationRows, OfTwoConcurrentClaimsEachRowGoesToOne) {
  for (int i = 0; i < 3; ++i) {
    const auto m = this->member_with_client("t" + std::to_string(i));
    this->schedule(m, this->add_room(this->add_group(), m, start));
  }
  platform::sql::transaction first(this->conn());
  const auto mine = repository::claim_due(this->conn(), "first", start, start + lease, 10);
  auto other_conn = this->db().acquire();
  auto other = std::async(std::launch::async, [&] {
    platform::sql::transaction tx(*other_conn);
    auto theirs = repository::claim_due(*other_conn, "second", start, start + lease, 10);
    tx.commit();
    return theirs;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  first.commit();
  EXPECT_EQ(mine.size(), 3u);
  EXPECT_TRUE(other.get().empty());
}

}  // namespace
