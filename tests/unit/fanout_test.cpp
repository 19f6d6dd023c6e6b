// Fan-out across I/O threads: every member gets each broadcast once, on its own executor, in publish order.
#include "platform/messaging/fanout.hpp"

#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

namespace {

namespace asio = boost::asio;
namespace messaging = platform::messaging;

// Records what it is sent, and on which thread.
class recording_connection final : public messaging::connection {
 public:
  explicit recording_connection(asio::any_io_executor executor) : connection(std::move(executor), "127.0.0.1", "t") {}
  void send(messaging::payload message) override {
    received.push_back(*message);
    threads.push_back(std::this_thread::get_id());
  }
  void close(std::uint16_t, std::string) override {}
  std::vector<std::string> received;
  std::vector<std::thread::id> threads;
};

struct member {
  std::shared_ptr<messaging::connection> to;
  std::string tag;
};

TEST(Fanout, DeliversOnEachMembersExecutorInOrder) {
  asio::io_context first;
  asio::io_context second;
  auto a = std::make_shared<recording_connection>(first.get_executor());
  auto b = std::make_shared<recording_connection>(second.get_executor());
  auto c = std::make_shared<recording_connection>(second.get_executor());
  messaging::fanout<member> members;
  members.add(std::make_shared<const member>(member{a, "a"}));
  members.add(std::make_shared<const member>(member{b, "b"}));
  members.add(std::make_shared<const member>(member{c, "c"}));
  EXPECT_EQ(members.size(), 3U);

  for (const char* text : {"1", "2"}) {
    members.broadcast([text](const member& m) { m.to->send(std::string(text) + m.tag); });
  }
  std::thread::id first_thread;
  std::thread::id second_thread;
  std::thread runner_one([&] {
    first_thread = std::this_thread::get_id();
    first.run();
  });
  std::thread runner_two([&] {
    second_thread = std::this_thread::get_id();
    second.run();
  });
  runner_one.join();
  runner_two.join();

  EXPECT_EQ(a->received, (std::vector<std::string>{"1a", "2a"}));
  EXPECT_EQ(b->received, (std::vector<std::string>{"1b", "2b"}));
  EXPECT_EQ(c->received, (std::vector<std::string>{"1c", "2c"}));
  EXPECT_EQ(a->threads.front(), first_thread);
  EXPECT_EQ(b->threads.front(), second_thread);
  EXPECT_EQ(c->threads.back(), second_thread);
}

TEST(Fanout, ForgetsRemovedMembersAndReportsWhoIsLeft) {
  asio::io_context io;
  auto a = std::make_shared<recording_connection>(io.get_executor());
  auto b = std::make_shared<recording_connection>(io.get_executor());
  const auto first = std::make_shared<const member>(member{a, "a"});
  const auto second = std::make_shared<const member>(member{b, "b"});
  messaging::fanout<member> members;
  members.add(first);
  members.add(second);
  EXPECT_EQ(members.remove(*first), 1U);
  EXPECT_TRUE(members.broadcast([](const member& m) { m.to->send(std::string("x")); }));
  io.run();
  EXPECT_TRUE(a->received.empty());
  EXPECT_EQ(b->received, std::vector<std::string>{"x"});
  EXPECT_EQ(members.remove(*second), 0U);
  EXPECT_TRUE(members.empty());
  EXPECT_FALSE(members.broadcast([](const member&) { ADD_FAILURE() << "no member left"; }));
}

}  // namespace
