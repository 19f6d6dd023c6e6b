// The long-poll session's parts: one receiver at a time, parked until woken or its deadline, the expiry while
// nobody polls, and the client's sending requests handled one at a time in arrival order.
#include "platform/messaging/long_poll.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

namespace {

namespace asio = boost::asio;
namespace messaging = platform::messaging;
using namespace std::chrono_literals;
using clock = messaging::long_poll::clock;

constexpr messaging::send_limits limits{.max_messages = 2, .max_bytes = 100};

TEST(LongPoll, AttachesOneReceiverAtATime) {
  asio::io_context io;
  messaging::long_poll poll(io.get_executor(), limits);
  const auto first = poll.attach();
  EXPECT_NE(first, 0U);
  EXPECT_TRUE(poll.attached(first));
  EXPECT_EQ(poll.attach(), 0U) << "a second receiver while one is attached";
  poll.release();
  EXPECT_FALSE(poll.has_receiver());
  const auto second = poll.attach();
  EXPECT_NE(second, 0U);
  EXPECT_NE(second, first);
  EXPECT_FALSE(poll.attached(first)) << "a released receiver stays detached";
  EXPECT_FALSE(poll.attached(0));
}

struct wake_up {
  clock::duration after{};  // how long the receiver was parked
  std::size_t queued = 0;   // what was queued when it woke
};

// Parks a receiver until `deadline` from now.
asio::awaitable<void> park_for(messaging::long_poll& poll, clock::duration deadline, wake_up& woke) {
  const auto start = clock::now();
  co_await poll.park(start + deadline);
  woke = {clock::now() - start, poll.queue().size()};
}

TEST(LongPoll, APushWakesTheParkedReceiverAndTheDeadlineEndsItsWait) {
  asio::io_context io;
  messaging::long_poll poll(io.get_executor(), limits);
  wake_up woken;
  asio::co_spawn(io, park_for(poll, 10s, woken), asio::detached);
  asio::steady_timer later(io, 50ms);
  later.async_wait([&](auto) { EXPECT_TRUE(poll.push(messaging::make_payload("hello"))); });
  io.run();
  EXPECT_EQ(woken.queued, 1U) << "woke before the push";
  EXPECT_LT(woken.after, 5s) << "the push did not wake the receiver";
  ASSERT_EQ(poll.take_all().size(), 1U);

  io.restart();
  wake_up timed_out;
  asio::co_spawn(io, park_for(poll, 80ms, timed_out), asio::detached);
  io.run();
  EXPECT_GE(timed_out.after, 80ms);
  EXPECT_EQ(timed_out.queued, 0U);
}

TEST(LongPoll, APushPastTheLimitsQueuesNothing) {
  asio::io_context io;
  messaging::long_poll poll(io.get_executor(), limits);
  EXPECT_TRUE(poll.push(messaging::make_payload("a")));
  EXPECT_TRUE(poll.push(messaging::make_payload("b")));
  EXPECT_FALSE(poll.push(messaging::make_payload("c")));
  const auto queued = poll.take_all();
  ASSERT_EQ(queued.size(), 2U);
  EXPECT_EQ(*queued[0], "a");
  EXPECT_EQ(*queued[1], "b");
  EXPECT_TRUE(poll.queue().empty());
}

TEST(LongPoll, ExpiresWhenNoReceiverComesBack) {
  asio::io_context io;
  messaging::long_poll poll(io.get_executor(), limits);
  int expired = 0;
  poll.expire_after(20ms, [&] { ++expired; });
  io.run();
  EXPECT_EQ(expired, 1);
}

TEST(LongPoll, AReceiverARearmOrAStopCancelsTheExpiry) {
  asio::io_context io;
  messaging::long_poll poll(io.get_executor(), limits);
  std::vector<std::string> expired;
  poll.expire_after(20ms, [&] { expired.emplace_back("attached"); });
  ASSERT_NE(poll.attach(), 0U);
  io.run();
  EXPECT_TRUE(expired.empty()) << "an attached receiver stops the expiry";

  io.restart();
  poll.release();
  poll.expire_after(20ms, [&] { expired.emplace_back("replaced"); });
  poll.expire_after(30ms, [&] { expired.emplace_back("rearmed"); });
  io.run();
  EXPECT_EQ(expired, std::vector<std::string>{"rearmed"});

  io.restart();
  poll.expire_after(20ms, [&] { expired.emplace_back("stopped"); });
  poll.stop_expiry();
  io.run();
  EXPECT_EQ(expired, std::vector<std::string>{"rearmed"});
}

// One sending request: waits its turn, then holds the delivery across a suspension.
asio::awaitable<void> deliver(messaging::long_poll& poll, int id, std::vector<std::string>& log) {
  co_await poll.begin_delivery();
  log.push_back("begin " + std::to_string(id));
  asio::steady_timer work(co_await asio::this_coro::executor, 10ms);
  co_await work.async_wait(asio::use_awaitable);
  log.push_back("end " + std::to_string(id));
  poll.end_delivery();
}

TEST(LongPoll, HandlesDeliveriesOneAtATimeInArrivalOrder) {
  asio::io_context io;
  messaging::long_poll poll(io.get_executor(), limits);
  std::vector<std::string> log;
  for (int id = 1; id <= 4; ++id) asio::co_spawn(io, deliver(poll, id, log), asio::detached);
  io.run();
  EXPECT_EQ(log,
            (std::vector<std::string>{"begin 1", "end 1", "begin 2", "end 2", "begin 3", "end 3", "begin 4", "end 4"}));
  EXPECT_FALSE(poll.delivering());
}

}  // namespace
