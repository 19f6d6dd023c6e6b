// platform::jobs::bounded_executor: jobs run on its workers, never more at once than workers, submitters wait
// while the queue is full and learn when the executor stopped. Run under ThreadSanitizer by scripts/test.
#include "platform/jobs/bounded_executor.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace asio = platform::asio;
using platform::jobs::bounded_executor;
using platform::jobs::executor_stopped;
using namespace std::chrono_literals;

// A coroutine driving submits on a thread of its own (a stand-in for an I/O thread); wait() rethrows its failure.
class submitter {
 public:
  explicit submitter(asio::awaitable<void> work) {
    asio::co_spawn(context_, std::move(work), [this](const std::exception_ptr& e) { failure_ = e; });
    thread_ = std::thread([this] { context_.run(); });
  }
  ~submitter() {
    if (thread_.joinable()) thread_.join();
  }
  submitter(const submitter&) = delete;
  submitter& operator=(const submitter&) = delete;

  void wait() {
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
  }
  std::thread::id thread_id() const { return thread_.get_id(); }

 private:
  asio::io_context context_;
  std::exception_ptr failure_;
  std::thread thread_;
};

// Submits the jobs in order, counting those taken; with `refused` set, executor_stopped is caught and noted there.
asio::awaitable<void> submit_all(bounded_executor* executor, std::vector<bounded_executor::job> jobs,
                                 std::atomic<int>* submitted, std::atomic<bool>* refused) {
  try {
    for (auto& work : jobs) {
      co_await executor->submit(std::move(work));
      submitted->fetch_add(1);
    }
  } catch (const executor_stopped&) {
    if (refused == nullptr) throw;
    *refused = true;
  }
}

asio::awaitable<void> record_thread(std::promise<std::thread::id>* where) {
  where->set_value(std::this_thread::get_id());
  co_return;
}

TEST(BoundedExecutor, RunsJobsOnItsWorkersNotOnTheSubmittersThread) {
  bounded_executor executor("test", 1, 4);
  std::promise<std::thread::id> ran_on;
  auto ran = ran_on.get_future();
  std::atomic<int> submitted{0};
  submitter caller(submit_all(&executor, {[&ran_on] { return record_thread(&ran_on); }}, &submitted, nullptr));
  const auto caller_id = caller.thread_id();
  caller.wait();
  const auto worker_id = ran.get();
  EXPECT_NE(worker_id, caller_id);
  EXPECT_NE(worker_id, std::this_thread::get_id());
}

asio::awaitable<void> hold_until(std::shared_future<void> release, std::atomic<int>* started) {
  started->fetch_add(1);
  release.wait();  // blocks the worker: what its thread is for
  co_return;
}

std::vector<bounded_executor::job> holding_jobs(int count, const std::shared_future<void>& release,
                                                std::atomic<int>* started) {
  std::vector<bounded_executor::job> jobs;
  for (int i = 0; i < count; ++i) jobs.emplace_back([release, started] { return hold_until(release, started); });
  return jobs;
}

TEST(BoundedExecutor, SubmitWaitsWhileTheQueueIsFullAndResumesWhenAJobIsTaken) {
  bounded_executor executor("test", 1, 1);
  std::promise<void> release_promise;
  std::shared_future<void> release = release_promise.get_future().share();
  std::atomic<int> started{0};
  std::atomic<int> submitted{0};
  submitter caller(submit_all(&executor, holding_jobs(3, release, &started), &submitted, nullptr));
  // The first job holds the only worker, the second fills the queue, the third waits for room.
  while (started.load() < 1 || submitted.load() < 2) std::this_thread::sleep_for(1ms);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(submitted.load(), 2);
  EXPECT_EQ(executor.depth(), 2u);
  release_promise.set_value();
  caller.wait();
  EXPECT_EQ(submitted.load(), 3);
  // join() drops the jobs not yet started, so let the worker take the other two first.
  for (int waited = 0; started.load() < 3 && waited < 5000; ++waited) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(started.load(), 3);
  executor.join();
  // At most the queue, the waiting submitter and the job handed to the worker before it started.
  EXPECT_GE(executor.peak_depth(), 2u);
  EXPECT_LE(executor.peak_depth(), 3u);
}

asio::awaitable<void> count_concurrency(std::atomic<int>* running, std::atomic<int>* most, std::atomic<int>* done) {
  const int now = running->fetch_add(1) + 1;
  int seen = most->load();
  while (now > seen && !most->compare_exchange_weak(seen, now)) {
  }
  std::this_thread::sleep_for(2ms);
  running->fetch_sub(1);
  done->fetch_add(1);
  co_return;
}

TEST(BoundedExecutor, NeverRunsMoreJobsAtOnceThanItHasWorkers) {
  bounded_executor executor("test", 3, 2);
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::atomic<int> done{0};
  std::atomic<int> submitted{0};
  std::vector<std::unique_ptr<submitter>> callers;
  for (int c = 0; c < 4; ++c) {
    std::vector<bounded_executor::job> jobs(25, [&] { return count_concurrency(&running, &most, &done); });
    callers.push_back(std::make_unique<submitter>(submit_all(&executor, std::move(jobs), &submitted, nullptr)));
  }
  for (auto& caller : callers) caller->wait();
  while (done.load() < 100) std::this_thread::sleep_for(1ms);
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 2);
  // The queue, the four waiting submitters and the jobs handed to the three workers before they started.
  EXPECT_LE(executor.peak_depth(), 2u + 4u + 3u);
}

asio::awaitable<void> fail() {
  throw std::runtime_error("boom");
  co_return;
}
asio::awaitable<void> mark(std::promise<void>* done) {
  done->set_value();
  co_return;
}

TEST(BoundedExecutor, AFailingJobIsLoggedAndTheWorkerGoesOn) {
  bounded_executor executor("test", 1, 4);
  std::promise<void> second;
  auto ran = second.get_future();
  std::atomic<int> submitted{0};
  submitter caller(
      submit_all(&executor, {[] { return fail(); }, [&second] { return mark(&second); }}, &submitted, nullptr));
  caller.wait();
  EXPECT_EQ(ran.wait_for(5s), std::future_status::ready);
}

TEST(BoundedExecutor, StopRefusesNewJobsAndWakesTheWaitingSubmittersWithAnError) {
  bounded_executor executor("test", 1, 1);
  std::promise<void> release_promise;
  std::shared_future<void> release = release_promise.get_future().share();
  std::atomic<int> started{0};
  std::atomic<int> submitted{0};
  std::atomic<bool> refused{false};
  submitter caller(submit_all(&executor, holding_jobs(3, release, &started), &submitted, &refused));
  while (started.load() < 1 || submitted.load() < 2) std::this_thread::sleep_for(1ms);
  executor.stop();
  caller.wait();
  EXPECT_TRUE(refused.load());
  EXPECT_EQ(submitted.load(), 2);

  submitter late(submit_all(&executor, holding_jobs(1, release, &started), &submitted, nullptr));
  EXPECT_THROW(late.wait(), executor_stopped);
  release_promise.set_value();
  executor.join();
  // The queued job was dropped: only the one running when stop() came ran.
  EXPECT_EQ(started.load(), 1);
}

}  // namespace
