// Bbodok's group and rank services on a real database, porting the original's GroupServiceTest and
// RankServiceTest (contract §9) and adding the fixes of §11: hashed passwords, owner-only edits, the default
// group that cannot be left, the leaving cascade in one transaction (withdrawal: bbodok_withdrawal_dbtest).
#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "apps/bbodok/common/events.hpp"
#include "apps/bbodok/group/membership.hpp"
#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/group/service.hpp"
#include "apps/bbodok/rank/service.hpp"
#include "platform/kv/in_process_cache.hpp"
#include "platform/kv/in_process_leaderboard.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "tests/db/bbodok_database.hpp"
#include "tests/db/run_awaitable.hpp"

namespace {

using bbodok::errc;
using bbodok::group::group_edit;
using bbodok::group::group_record;
using bbodok::group::new_group;
using test_db::run_awaitable;

constexpr std::int64_t hour = 3'600'000'000LL;

template <class Backend>
class BbodokGroups : public test_db::bbodok_database<Backend> {
 protected:
  BbodokGroups() : test_db::bbodok_database<Backend>("bbodok_group", 6) {}

  void prepare() override {
    memberships_.emplace(this->db(), caches_);
    ranks_.emplace(this->db(), boards_, *memberships_, caches_);
    groups_.emplace(this->db(), this->scratch_.pool(), *memberships_, *ranks_, events_);
    announced_ = events_.subscribe(std::string(bbodok::events::group_rooms_changed),
                                   [this](std::string_view, const std::shared_ptr<const std::string>& payload) {
                                     const std::scoped_lock lock(mutex_);
                                     changed_.push_back(*payload);
                                   });
    owner_ = this->add_member("민지", "https://k.kakaocdn.net/minji.jpg");
    member_ = this->add_member("하니");
  }

  bbodok::group::service& groups() { return *groups_; }
  bbodok::rank::service& ranks() { return *ranks_; }

  group_record create(std::int64_t owner, const std::string& path, bool secret = false,
                      std::optional<std::string> password = std::nullopt) {
    new_group form{"스터디 " + path, secret, std::move(password), path};
    auto made = run_awaitable(groups().create(owner, std::move(form)));
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    return *made;
  }

  std::int64_t count(const std::string& sql, std::int64_t id) { return this->conn().query(sql, {id})[0].as_int(0); }
  std::vector<std::string> changed() {
    const std::scoped_lock lock(mutex_);
    return changed_;
  }
  std::vector<std::int64_t> ranked(std::int64_t caller, std::int64_t group_id) {
    std::vector<std::int64_t> out;
    for (const auto& entry : ranking(caller, group_id)) out.push_back(entry.at("memberId").as_int64());
    return out;
  }
  boost::json::array ranking(std::int64_t caller, std::int64_t group_id) {
    return boost::json::parse(*run_awaitable(ranks().ranking(caller, group_id))).as_array();
  }

  std::int64_t owner_ = 0;
  std::int64_t member_ = 0;
  platform::kv::in_process_leaderboard boards_;
  platform::kv::in_process_pubsub events_;
  platform::kv::in_process_cache caches_;
  std::optional<bbodok::group::memberships> memberships_;
  std::optional<bbodok::rank::service> ranks_;
  std::optional<bbodok::group::service> groups_;
  platform::kv::subscription announced_;
  std::mutex mutex_;
  std::vector<std::string> changed_;
};
TYPED_TEST_SUITE(BbodokGroups, test_db::backends, test_db::backend_names);

// testGenerateGroup: the saved id, name and secret come back; the owner is joined with a zero rank.
TYPED_TEST(BbodokGroups, GeneratesAGroupWithItsOwnerJoined) {
  const auto group = this->create(this->owner_, "algo", true, "pw1234");
  EXPECT_GT(group.group_id, 1);
  EXPECT_EQ(group.name, "스터디 algo");
  EXPECT_TRUE(group.secret);
  EXPECT_EQ(group.color, std::nullopt);
  EXPECT_TRUE(bbodok::group::is_member(this->conn(), this->owner_, group.group_id));
  const auto hash = this->conn().query("SELECT password_hash FROM study_group WHERE group_id = ?", {group.group_id});
  EXPECT_EQ(hash[0].as_text(0).rfind("$2", 0), 0U);
  const auto ranks = this->ranking(this->owner_, group.group_id);
  ASSERT_EQ(ranks.size(), 1U);
  EXPECT_EQ(ranks[0].at("memberId").as_int64(), this->owner_);
  EXPECT_EQ(ranks[0].at("duration").as_string(), "PT0S");
}

TYPED_TEST(BbodokGroups, RefusesAPathInUseAndBadFields) {
  this->create(this->owner_, "taken");
  new_group same{"다른 이름", false, std::nullopt, "taken"};
  const auto duplicate = run_awaitable(this->groups().create(this->member_, std::move(same)));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().message, "이미 사용 중인 초대 코드입니다.");
  new_group nameless{"", false, std::nullopt, "fresh"};
  EXPECT_FALSE(run_awaitable(this->groups().create(this->member_, std::move(nameless))));
  new_group open_secret{"비밀", true, std::nullopt, "fresh"};
  EXPECT_FALSE(run_awaitable(this->groups().create(this->member_, std::move(open_secret))));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM study_group WHERE group_id > ?", 1), 1);
}

// testGetAllGroups: groups the member has not joined, secret ones included.
TYPED_TEST(BbodokGroups, ListsTheGroupsNotJoined) {
  const auto open = this->create(this->owner_, "open");
  const auto secret = this->create(this->owner_, "secret", true, "pw");
  const auto all = run_awaitable(this->groups().not_joined(this->member_));
  std::vector<std::int64_t> ids;
  for (const auto& group : all) ids.push_back(group.group_id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{1, open.group_id, secret.group_id}));
  EXPECT_TRUE(all[2].secret);
  EXPECT_EQ(all[2].color, std::nullopt);
  for (const auto& group : run_awaitable(this->groups().not_joined(this->owner_))) {
    EXPECT_NE(group.group_id, open.group_id);
  }
}

// testGetMemberGroups and testChangeMemberGroupColor.
TYPED_TEST(BbodokGroups, ListsTheMembersGroupsWithTheirColours) {
  const auto group = this->create(this->owner_, "colors");
  const auto colored = run_awaitable(this->groups().color(this->owner_, group.group_id, "primary"));
  ASSERT_TRUE(colored);
  EXPECT_EQ(colored->color, "primary");
  const auto mine = run_awaitable(this->groups().mine(this->owner_));
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(mine[0].group_id, group.group_id);
  EXPECT_EQ(mine[0].color, "primary");
  const auto stranger = run_awaitable(this->groups().color(this->member_, group.group_id, "accent"));
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, errc::not_found);
}

// testJoinGroup and testJoinGroupWhenAlreadyJoined: a public group with no password; again changes nothing.
TYPED_TEST(BbodokGroups, JoinsAPublicGroupOnceWithoutPassword) {
  const auto group = this->create(this->owner_, "public");
  const auto joined = run_awaitable(this->groups().join(this->member_, group.group_id, std::nullopt));
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->group_id, group.group_id);
  EXPECT_TRUE(run_awaitable(this->groups().join(this->member_, group.group_id, std::nullopt)));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM membership WHERE group_id = ?", group.group_id), 2);
}

// testJoinGroupWhenKnownPassword: a wrong (or missing) password on a secret group joins nobody.
TYPED_TEST(BbodokGroups, RefusesAWrongPasswordWithoutJoining) {
  const auto group = this->create(this->owner_, "locked", true, "right");
  for (const std::optional<std::string>& password :
       {std::optional<std::string>("wrong"), std::optional<std::string>()}) {
    const auto refused = run_awaitable(this->groups().join(this->member_, group.group_id, password));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "비밀번호가 일치하지 않습니다.");
  }
  EXPECT_FALSE(bbodok::group::is_member(this->conn(), this->member_, group.group_id));
  EXPECT_TRUE(run_awaitable(this->groups().join(this->member_, group.group_id, "right")));
}

// testJoinGroupWithValidPath and testJoinGroupWithInvalidPath.
TYPED_TEST(BbodokGroups, JoinsByInvitePathWithoutPassword) {
  const auto group = this->create(this->owner_, "invite", true, "pw");
  const auto joined = run_awaitable(this->groups().join_by_path(this->member_, "invite"));
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->group_id, group.group_id);
  const auto again = run_awaitable(this->groups().join_by_path(this->member_, "invite"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "이미 가입한 그룹입니다.");
  const auto unknown = run_awaitable(this->groups().join_by_path(this->member_, "nope"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "유효하지 않은 초대 코드입니다. : nope");
}

// testWithdrawGroupWhoIsMember / WhoIsOwner: the membership with its rank, the todos in the group and the
// reservations in its rooms go in one transaction, and the group's rooms are announced as changed.
TYPED_TEST(BbodokGroups, LeavingRemovesMembershipRankTodosAndReservations) {
  const auto group = this->create(this->owner_, "leave");
  ASSERT_TRUE(run_awaitable(this->groups().join(this->member_, group.group_id, std::nullopt)));
  this->conn().execute(
      "INSERT INTO todo (member_id, group_id, content, created_at, updated_at) VALUES (?, ?, 'x', 0, 0)",
      {this->member_, group.group_id});
  const auto room =
      this->conn()
          .query(
              "INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (?, ?, ?, ?, "
              "0, 0) "
              "RETURNING room_id",
              {group.group_id, this->member_, test_db::seoul_morning, test_db::seoul_morning + 25 * 60'000'000LL})[0]
          .as_int(0);
  this->conn().execute(
      "INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) "
      "VALUES (?, ?, 0, 1, 0, 0)",
      {this->member_, room});

  ASSERT_TRUE(run_awaitable(this->groups().leave(this->member_, group.group_id)));
  EXPECT_FALSE(bbodok::group::is_member(this->conn(), this->member_, group.group_id));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM todo WHERE member_id = ?", this->member_), 0);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM reservation WHERE member_id = ? AND cancelled = 0", this->member_), 0);
  EXPECT_EQ(this->count("SELECT deleted FROM room WHERE room_id = ?", room), 1);
  EXPECT_EQ(this->ranked(this->owner_, group.group_id), (std::vector<std::int64_t>{this->owner_}));
  EXPECT_EQ(this->changed(), (std::vector<std::string>{std::to_string(group.group_id)}));
  EXPECT_EQ(this->count("SELECT deleted FROM study_group WHERE group_id = ?", group.group_id), 0);

  // The owner leaves last: the group is closed.
  ASSERT_TRUE(run_awaitable(this->groups().leave(this->owner_, group.group_id)));
  EXPECT_EQ(this->count("SELECT deleted FROM study_group WHERE group_id = ?", group.group_id), 1);
  const auto gone = run_awaitable(this->groups().leave(this->owner_, group.group_id));
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, errc::not_found);
}

TYPED_TEST(BbodokGroups, NeverLeavesTheDefaultGroup) {
  ASSERT_TRUE(run_awaitable(this->groups().join(this->member_, 1, std::nullopt)));
  const auto refused = run_awaitable(this->groups().leave(this->member_, 1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errc::bad_request);
  EXPECT_TRUE(bbodok::group::is_member(this->conn(), this->member_, 1));
  const auto stranger = run_awaitable(this->groups().leave(this->owner_, 1));
  EXPECT_FALSE(stranger);
}

// testChangeGroupInfoByGroupOwner and testRejectChangeGroupByNotGroupOwner.
TYPED_TEST(BbodokGroups, LetsOnlyTheOwnerEdit) {
  const auto group = this->create(this->owner_, "edit");
  ASSERT_TRUE(run_awaitable(this->groups().join(this->member_, group.group_id, std::nullopt)));
  group_edit hijack{group.group_id, "탈취", false, std::nullopt};
  const auto refused = run_awaitable(this->groups().edit(this->member_, std::move(hijack)));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "그룹장이 아닙니다.");

  group_edit rename{group.group_id, "새 이름", true, "secret!"};
  const auto edited = run_awaitable(this->groups().edit(this->owner_, std::move(rename)));
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->name, "새 이름");
  EXPECT_TRUE(edited->secret);
  EXPECT_EQ(edited->color, std::nullopt);
  const auto outsider = this->add_member("다니엘");
  EXPECT_FALSE(run_awaitable(this->groups().join(outsider, group.group_id, "wrong")));
  EXPECT_TRUE(run_awaitable(this->groups().join(outsider, group.group_id, "secret!")));
}

// testBrowseRanksInGroup: with 1 h and 2 h, both come back, the 2 h member first; the boards are rebuilt
// from the database and a withdrawn member is skipped.
TYPED_TEST(BbodokGroups, RanksMostStudyTimeFirst) {
  const auto group = this->create(this->owner_, "ranks");
  ASSERT_TRUE(run_awaitable(this->groups().join(this->member_, group.group_id, std::nullopt)));
  run_awaitable(this->ranks().add_study_time(group.group_id, this->owner_, hour));
  run_awaitable(this->ranks().add_study_time(group.group_id, this->member_, 2 * hour));
  const auto ranks = this->ranking(this->owner_, group.group_id);
  ASSERT_EQ(ranks.size(), 2U);
  EXPECT_EQ(ranks[0].at("memberId").as_int64(), this->member_);
  EXPECT_EQ(ranks[0].at("duration").as_string(), "PT2H");
  EXPECT_EQ(ranks[0].at("nickname").as_string(), "하니");
  EXPECT_EQ(ranks[1].at("profile").as_string(), "https://k.kakaocdn.net/minji.jpg");

  this->conn().execute("UPDATE membership SET study_time = ? WHERE member_id = ?", {3 * hour, this->owner_});
  run_awaitable(this->ranks().rebuild());
  EXPECT_EQ(this->ranked(this->member_, group.group_id), (std::vector<std::int64_t>{this->owner_, this->member_}));
  // A withdrawal that committed before a crash: the boards rebuilt at the next start skip the member.
  this->conn().execute("UPDATE member SET status = 'WITHDRAWN' WHERE member_id = ?", {this->owner_});
  run_awaitable(this->ranks().rebuild());
  EXPECT_EQ(this->ranked(this->member_, group.group_id), (std::vector<std::int64_t>{this->member_}));
  const auto stranger = run_awaitable(this->ranks().ranking(this->add_member("다니엘"), group.group_id));
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, errc::not_found);
}

}  // namespace
