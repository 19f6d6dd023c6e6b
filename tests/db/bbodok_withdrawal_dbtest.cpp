// Bbodok's withdrawal task table and worker on a real database (SQLite and PostgreSQL): recorded once with the
// WITHDRAWN mark, a cleanup that happens once and leaves nothing, an unlink leased to one worker and retried
// with back-off, and the worker's stages end to end.
#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/bbodok/common/events.hpp"
#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/group/service.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/rank/service.hpp"
#include "apps/bbodok/withdrawal/cleanup.hpp"
#include "apps/bbodok/withdrawal/repository.hpp"
#include "apps/bbodok/withdrawal/service.hpp"
#include "apps/bbodok/withdrawal/worker.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/jobs/bounded_executor.hpp"
#include "platform/kv/in_process_cache.hpp"
#include "platform/kv/in_process_leaderboard.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "tests/db/bbodok_database.hpp"
#include "tests/db/run_awaitable.hpp"

namespace {

namespace asio = platform::asio;
namespace repository = bbodok::withdrawal::repository;
using bbodok::group::group_record;
using bbodok::group::new_group;
using test_db::run_awaitable;

constexpr std::int64_t second = 1'000'000;
constexpr std::int64_t now = test_db::seoul_morning;

template <class Backend>
class BbodokWithdrawals : public test_db::bbodok_database<Backend> {
 protected:
  BbodokWithdrawals() : test_db::bbodok_database<Backend>("bbodok_withdrawal", 6) {}

  void prepare() override {
    memberships_.emplace(this->db(), caches_);
    ranks_.emplace(this->db(), boards_, *memberships_, caches_);
    members_.emplace(this->db(), this->scratch_.pool(), caches_, tokens_, nullptr, false);
    groups_.emplace(this->db(), this->scratch_.pool(), *memberships_, *ranks_, events_);
    const bbodok::withdrawal::worker_parts parts{this->db(), this->scratch_.pool(), jobs_, *groups_, events_, nullptr};
    bbodok::withdrawal::withdrawal_settings settings;
    settings.retry_first = std::chrono::milliseconds(1000);
    worker_.emplace(parts, settings, timers_.get_executor());
    withdrawals_.emplace(this->db(), *members_, *ranks_, *worker_);
    announced_ = events_.subscribe(std::string(bbodok::events::group_rooms_changed),
                                   [this](std::string_view, const std::shared_ptr<const std::string>& payload) {
                                     const std::scoped_lock lock(mutex_);
                                     changed_.push_back(*payload);
                                   });
    owner_ = this->add_member("민지");
    member_ = this->add_member("하니");
  }

  group_record create(std::int64_t owner, const std::string& path) {
    new_group form{"스터디 " + path, false, std::nullopt, path};
    return *run_awaitable(groups_->create(owner, std::move(form)));
  }
  void with_kakao_id(std::int64_t member_id, std::int64_t kakao_id) {
    this->conn().execute("UPDATE member SET kakao_id = ? WHERE member_id = ?", {kakao_id, member_id});
  }
  std::int64_t count(const std::string& sql, std::int64_t id) { return this->conn().query(sql, {id})[0].as_int(0); }
  std::vector<std::string> changed() {
    const std::scoped_lock lock(mutex_);
    return changed_;
  }

  std::int64_t owner_ = 0;
  std::int64_t member_ = 0;
  asio::io_context timers_;  // the worker's poll timer; never run here
  platform::jobs::bounded_executor jobs_{"test", 1, 1};
  platform::kv::in_process_leaderboard boards_;
  platform::kv::in_process_pubsub events_;
  platform::kv::in_process_cache caches_;
  platform::auth::token_issuer tokens_{std::string(32, 'k'), std::chrono::hours(1), std::chrono::hours(1)};
  std::optional<bbodok::group::memberships> memberships_;
  std::optional<bbodok::member::service> members_;
  std::optional<bbodok::rank::service> ranks_;
  std::optional<bbodok::group::service> groups_;
  std::optional<bbodok::withdrawal::worker> worker_;
  std::optional<bbodok::withdrawal::service> withdrawals_;
  platform::kv::subscription announced_;
  std::mutex mutex_;
  std::vector<std::string> changed_;
};
TYPED_TEST_SUITE(BbodokWithdrawals, test_db::backends, test_db::backend_names);

TYPED_TEST(BbodokWithdrawals, RecordsTheCleanupOnceWithTheWithdrawnMark) {
  this->with_kakao_id(this->member_, 4242);
  EXPECT_TRUE(repository::record(this->conn(), this->member_, now));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM member WHERE member_id = ? AND status = 'WITHDRAWN'", this->member_), 1);
  const auto task = repository::find(this->conn(), this->member_);
  ASSERT_TRUE(task);
  EXPECT_EQ(task->stage, "cleanup");
  EXPECT_EQ(task->kakao_id, 4242);
  EXPECT_EQ(task->attempts, 0);
  EXPECT_EQ(repository::due(this->conn(), now, 10), (std::vector<std::int64_t>{this->member_}));
  EXPECT_TRUE(repository::due(this->conn(), now - 1, 10).empty());
  // Two devices at once: the second changes nothing.
  EXPECT_FALSE(repository::record(this->conn(), this->member_, now + second));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM withdrawal WHERE member_id = ?", this->member_), 1);
  EXPECT_EQ(repository::unfinished(this->conn()), 1);
}

TYPED_TEST(BbodokWithdrawals, TheCleanupHappensOnceAndLeavesNothing) {
  const auto solo = this->create(this->member_, "solo");
  const auto shared = this->create(this->owner_, "shared");
  ASSERT_TRUE(run_awaitable(this->groups_->join(this->member_, shared.group_id, std::nullopt)));
  this->conn().execute(
      "INSERT INTO todo (member_id, group_id, content, created_at, updated_at) VALUES (?, ?, 'x', ?, ?)",
      {this->member_, shared.group_id, now, now});
  this->conn().execute("INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (?, 'fcm', ?, ?)",
                       {this->member_, now, now});
  ASSERT_TRUE(repository::record(this->conn(), this->member_, now));

  const auto done = bbodok::withdrawal::cleanup_rows(this->conn(), this->member_, now);
  ASSERT_TRUE(done);
  auto left = done->groups_left;
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::int64_t>{solo.group_id, shared.group_id}));
  for (const char* table : {"membership", "todo", "client", "refresh_token"}) {
    EXPECT_EQ(this->count(std::string("SELECT COUNT(*) FROM ") + table + " WHERE member_id = ?", this->member_), 0)
        << table;
  }
  EXPECT_EQ(this->count("SELECT deleted FROM study_group WHERE group_id = ?", solo.group_id), 1);
  // No Kakao id (dev sign-in): nothing left to do.
  EXPECT_EQ(repository::find(this->conn(), this->member_)->stage, "done");
  EXPECT_FALSE(bbodok::withdrawal::cleanup_rows(this->conn(), this->member_, now + second));
  EXPECT_EQ(repository::unfinished(this->conn()), 0);
}

TYPED_TEST(BbodokWithdrawals, AnUnlinkIsLeasedToOneWorkerAndRetriedLater) {
  this->with_kakao_id(this->member_, 4242);
  ASSERT_TRUE(repository::record(this->conn(), this->member_, now));
  ASSERT_TRUE(repository::end_cleanup(this->conn(), this->member_, now));
  EXPECT_FALSE(repository::end_cleanup(this->conn(), this->member_, now));
  EXPECT_EQ(repository::find(this->conn(), this->member_)->stage, "unlink");

  const std::int64_t lease = now + 60 * second;
  const auto claim = repository::claim_unlink(this->conn(), this->member_, now, lease);
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->kakao_id, 4242);
  EXPECT_EQ(claim->attempts, 0);
  // Leased: another worker (or instance) neither finds nor claims it until the lease ends.
  EXPECT_FALSE(repository::claim_unlink(this->conn(), this->member_, now + second, lease));
  EXPECT_TRUE(repository::due(this->conn(), now + second, 10).empty());
  EXPECT_EQ(repository::due(this->conn(), lease, 10), (std::vector<std::int64_t>{this->member_}));

  // Kakao failed: counted and due again later.
  repository::retry_at(this->conn(), this->member_, repository::unlink_stage, now + 2 * second, now);
  EXPECT_FALSE(repository::claim_unlink(this->conn(), this->member_, now + second, now + 61 * second));
  const auto again = repository::claim_unlink(this->conn(), this->member_, now + 2 * second, now + 62 * second);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempts, 1);
  repository::end_unlink(this->conn(), this->member_, now + 3 * second);
  EXPECT_EQ(repository::find(this->conn(), this->member_)->stage, "done");
  EXPECT_TRUE(repository::due(this->conn(), now + 3600 * second, 10).empty());
}

TYPED_TEST(BbodokWithdrawals, TheWorkerCleansUpAnnouncesAndKeepsRetryingAnUnlinkItCannotDo) {
  const auto shared = this->create(this->owner_, "shared");
  ASSERT_TRUE(run_awaitable(this->groups_->join(this->member_, shared.group_id, std::nullopt)));
  this->with_kakao_id(this->member_, 4242);
  run_awaitable(this->withdrawals_->withdraw(this->member_));
  // Recorded, not yet done: the request does none of the cleanup.
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM membership WHERE member_id = ?", this->member_), 1);
  EXPECT_TRUE(this->changed().empty());

  run_awaitable(this->worker_->process(this->member_));
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM membership WHERE member_id = ?", this->member_), 0);
  EXPECT_EQ(this->changed(), (std::vector<std::string>{std::to_string(shared.group_id)}));
  // Kakao is not configured here: the unlink failed, is counted and waits for its retry.
  const auto task = repository::find(this->conn(), this->member_);
  EXPECT_EQ(task->stage, "unlink");
  EXPECT_EQ(task->attempts, 1);
  EXPECT_GT(task->next_attempt_at, now);
  // Running it again before then changes nothing: the unlink is not due.
  run_awaitable(this->worker_->process(this->member_));
  EXPECT_EQ(repository::find(this->conn(), this->member_)->attempts, 1);
  EXPECT_EQ(this->changed().size(), 1U);
}

}  // namespace
