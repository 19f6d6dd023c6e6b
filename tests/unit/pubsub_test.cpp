// Unit tests for platform::kv pub/sub: routing, shared payloads, unsubscribe guarantees under concurrency.
#include "platform/kv/pubsub.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "platform/kv/in_process_pubsub.hpp"

namespace {

namespace kv = platform::kv;
using namespace std::chrono_literals;

std::shared_ptr<const std::string> message(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

// Thread-safe record of what one subscriber received.
struct inbox {
  std::mutex mutex;
  std::vector<std::pair<std::string, std::shared_ptr<const std::string>>> received;

  kv::pubsub::handler handler() {
    return [this](std::string_view channel, const std::shared_ptr<const std::string>& payload) {
      const std::lock_guard lock(mutex);
      received.emplace_back(std::string(channel), payload);
    };
  }
  std::vector<std::string> texts() {
    const std::lock_guard lock(mutex);
    std::vector<std::string> out;
    for (const auto& [channel, payload] : received) out.push_back(channel + ":" + *payload);
    return out;
  }
  std::size_t size() {
    const std::lock_guard lock(mutex);
    return received.size();
  }
};

// Spins until done() or the timeout; returns done().
template <class Predicate>
bool wait_for(Predicate done, std::chrono::milliseconds timeout = 5000ms) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  return done();
}

TEST(InProcessPubsub, DeliversToEverySubscriberOfAChannelAndToNoOtherChannel) {
  kv::in_process_pubsub bus;
  inbox a;
  inbox b;
  inbox other;
  const auto sub_a = bus.subscribe("chat.room.1", a.handler());
  const auto sub_b = bus.subscribe("chat.room.1", b.handler());
  const auto sub_other = bus.subscribe("chat.room.2", other.handler());

  bus.publish("chat.room.1", message("hello"));
  bus.publish("chat.room.3", message("nobody listens"));

  EXPECT_EQ(a.texts(), std::vector<std::string>{"chat.room.1:hello"});
  EXPECT_EQ(b.texts(), std::vector<std::string>{"chat.room.1:hello"});
  EXPECT_TRUE(other.texts().empty());
  EXPECT_EQ(bus.subscriber_count("chat.room.1"), 2U);
  EXPECT_EQ(bus.channel_count(), 2U);
}

TEST(InProcessPubsub, PassesTheSamePayloadPointerWhenManySubscribe) {
  kv::in_process_pubsub bus;
  std::vector<inbox> inboxes(5);
  std::vector<kv::subscription> subs;
  for (auto& box : inboxes) subs.push_back(bus.subscribe("room", box.handler()));

  const auto payload = message("one buffer");
  bus.publish("room", payload);

  for (auto& box : inboxes) {
    ASSERT_EQ(box.size(), 1U);
    EXPECT_EQ(box.received[0].second.get(), payload.get());
  }
}

TEST(InProcessPubsub, KeepsPublishOrderWhenOneThreadPublishes) {
  kv::in_process_pubsub bus;
  inbox box;
  const auto sub = bus.subscribe("room", box.handler());
  std::vector<std::string> expected;
  for (int i = 0; i < 100; ++i) {
    bus.publish("room", message(std::to_string(i)));
    expected.push_back("room:" + std::to_string(i));
  }
  EXPECT_EQ(box.texts(), expected);
}

TEST(InProcessPubsub, StopsDeliveringAndForgetsTheChannelWhenSubscriptionIsDestroyed) {
  kv::in_process_pubsub bus;
  inbox kept;
  inbox dropped;
  const auto keep = bus.subscribe("room", kept.handler());
  auto capture = std::make_shared<int>(0);
  const std::weak_ptr<int> captured = capture;
  {
    const auto sub = bus.subscribe("room", [&dropped, capture](std::string_view channel, const auto& payload) {
      dropped.handler()(channel, payload);
    });
    capture.reset();
    bus.publish("room", message("before"));
  }
  EXPECT_TRUE(captured.expired()) << "the handler (and what it captured) is released on unsubscribe";
  bus.publish("room", message("after"));

  EXPECT_EQ(dropped.texts(), std::vector<std::string>{"room:before"});
  EXPECT_EQ(kept.texts(), (std::vector<std::string>{"room:before", "room:after"}));
  EXPECT_EQ(bus.subscriber_count("room"), 1U);

  auto last = bus.subscribe("other", kept.handler());
  EXPECT_EQ(bus.channel_count(), 2U);
  last.reset();
  EXPECT_FALSE(last.active());
  EXPECT_EQ(bus.channel_count(), 1U);
  EXPECT_EQ(bus.subscriber_count("other"), 0U);
}

TEST(InProcessPubsub, FinishesTheCallAndStopsWhenHandlerDestroysItsOwnSubscription) {
  kv::in_process_pubsub bus;
  std::optional<kv::subscription> self;
  int calls = 0;
  bool still_running_after_reset = false;
  auto capture = std::make_shared<int>(7);
  const std::weak_ptr<int> captured = capture;
  self.emplace(bus.subscribe("room", [&, capture](std::string_view, const auto&) {
    ++calls;
    self.reset();                                 // runs ~subscription inside this very call
    still_running_after_reset = (*capture == 7);  // the captures must still be alive here
  }));
  capture.reset();

  bus.publish("room", message("one"));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(still_running_after_reset);
  EXPECT_TRUE(captured.expired()) << "the handler is destroyed once its last call returned";
  EXPECT_EQ(bus.subscriber_count("room"), 0U);

  bus.publish("room", message("two"));
  EXPECT_EQ(calls, 1);
}

TEST(InProcessPubsub, AllowsSubscribingAndPublishingWhenInsideAHandler) {
  kv::in_process_pubsub bus;
  inbox late;
  std::optional<kv::subscription> late_sub;
  std::vector<std::string> seen;
  const auto sub = bus.subscribe("room", [&](std::string_view, const std::shared_ptr<const std::string>& payload) {
    seen.push_back(*payload);
    if (*payload == "first") {
      late_sub.emplace(bus.subscribe("room", late.handler()));  // would deadlock if the map lock were held
      bus.publish("room", message("echo"));                     // nested call of this same handler
    }
  });

  bus.publish("room", message("first"));
  EXPECT_EQ(seen, (std::vector<std::string>{"first", "echo"}));
  EXPECT_EQ(late.texts(), std::vector<std::string>{"room:echo"});
}

TEST(InProcessPubsub, MovesTheSubscriptionWhenHandleIsMoved) {
  kv::in_process_pubsub bus;
  inbox first;
  inbox second;
  auto original = bus.subscribe("room", first.handler());
  kv::subscription moved(std::move(original));
  EXPECT_FALSE(original.active());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
  EXPECT_TRUE(moved.active());
  original.reset();  // an empty handle unsubscribes nothing
  bus.publish("room", message("a"));
  EXPECT_EQ(first.size(), 1U);

  auto replacement = bus.subscribe("room", second.handler());
  moved = std::move(replacement);  // drops the first subscription, takes over the second
  bus.publish("room", message("b"));
  EXPECT_EQ(first.texts(), std::vector<std::string>{"room:a"});
  EXPECT_EQ(second.texts(), std::vector<std::string>{"room:b"});
  EXPECT_EQ(bus.subscriber_count("room"), 1U);

  auto& alias = moved;
  moved = std::move(alias);  // self-move keeps the subscription
  bus.publish("room", message("c"));
  EXPECT_EQ(second.size(), 2U);

  std::vector<kv::subscription> grown;
  for (int i = 0; i < 50; ++i) grown.push_back(bus.subscribe("room", second.handler()));  // moves on growth
  bus.publish("room", message("d"));
  EXPECT_EQ(second.size(), 2U + 51U);
}

TEST(InProcessPubsub, RoutesEachMessageToItsOwnChannelWhenThereAreManyChannels) {
  kv::in_process_pubsub bus;
  constexpr int channels = 1000;
  std::vector<std::vector<std::string>> seen(channels);
  std::vector<kv::subscription> subs;
  for (int i = 0; i < channels; ++i) {
    subs.push_back(bus.subscribe("chat.room." + std::to_string(i),
                                 [&seen, i](std::string_view channel, const std::shared_ptr<const std::string>& p) {
                                   seen[static_cast<std::size_t>(i)].push_back(std::string(channel) + "=" + *p);
                                 }));
  }
  EXPECT_EQ(bus.channel_count(), static_cast<std::size_t>(channels));
  for (int i = channels - 1; i >= 0; --i) bus.publish("chat.room." + std::to_string(i), message(std::to_string(i)));
  for (int i = 0; i < channels; ++i) {
    const auto name = std::to_string(i);
    EXPECT_EQ(seen[static_cast<std::size_t>(i)], std::vector<std::string>{"chat.room." + name + "=" + name});
  }
  subs.clear();
  EXPECT_EQ(bus.channel_count(), 0U);
}

TEST(InProcessPubsub, WaitsForARunningCallWhenSubscriptionIsDestroyedOnAnotherThread) {
  kv::in_process_pubsub bus;
  std::atomic<bool> entered{false};
  std::atomic<bool> finished{false};
  auto sub = bus.subscribe("room", [&](std::string_view, const auto&) {
    entered = true;
    std::this_thread::sleep_for(100ms);
    finished = true;
  });
  std::thread publisher([&] { bus.publish("room", message("slow")); });
  ASSERT_TRUE(wait_for([&] { return entered.load(); }));
  sub.reset();
  EXPECT_TRUE(finished.load()) << "reset returned while the handler was still running";
  publisher.join();
}

// The central guarantee under load: publishers hammer a channel while another thread subscribes and
// unsubscribes over and over; no handler may run after its subscription's destructor returned, and
// each new subscription receives messages published after subscribe returned.
TEST(InProcessPubsub, NeverCallsHandlerAfterItsSubscriptionIsDestroyedWhenPublishersRunConcurrently) {
  kv::in_process_pubsub bus;
  std::atomic<bool> stop{false};
  std::atomic<long> late_calls{0};
  std::atomic<long> concurrent_calls{0};
  std::atomic<long> published{0};

  // A long-lived subscriber whose handler must never overlap with itself.
  std::atomic<int> inside{0};
  const auto steady = bus.subscribe("room", [&](std::string_view, const auto&) {
    if (inside.fetch_add(1) != 0) ++concurrent_calls;
    std::this_thread::yield();
    inside.fetch_sub(1);
  });

  std::vector<std::thread> publishers;
  for (int t = 0; t < 2; ++t) {
    publishers.emplace_back([&] {
      const auto payload = message("tick");
      while (!stop.load()) {
        bus.publish("room", payload);
        ++published;
      }
    });
  }

  constexpr int rounds = 2000;
  int rounds_with_delivery = 0;
  std::thread churn([&] {
    for (int round = 0; round < rounds; ++round) {
      struct probe {
        std::atomic<bool> destroyed{false};
        std::atomic<long> calls{0};
      };
      auto p = std::make_shared<probe>();
      auto sub = bus.subscribe("room", [p, &late_calls](std::string_view, const auto&) {
        if (p->destroyed.load()) ++late_calls;
        ++p->calls;
        std::this_thread::yield();  // widen the window in which a destroy can race this call
        if (p->destroyed.load()) ++late_calls;
      });
      if (round % 10 == 0) {
        // Some rounds wait for a delivery, proving new subscribers join the running traffic.
        if (wait_for([&] { return p->calls.load() > 0; })) ++rounds_with_delivery;
      }
      sub.reset();
      p->destroyed = true;
      std::this_thread::yield();  // give a late call (a bug) a chance to show up
    }
  });
  churn.join();
  stop = true;
  for (auto& t : publishers) t.join();

  EXPECT_EQ(late_calls.load(), 0);
  EXPECT_EQ(concurrent_calls.load(), 0);
  EXPECT_EQ(rounds_with_delivery, rounds / 10);
  EXPECT_GT(published.load(), 0);
  EXPECT_EQ(bus.subscriber_count("room"), 1U);
}

// Destroying from several threads at once, each destroying subscriptions that are being delivered to.
TEST(InProcessPubsub, KeepsTheChannelMapConsistentWhenManyThreadsSubscribeAndUnsubscribe) {
  kv::in_process_pubsub bus;
  std::atomic<bool> stop{false};
  std::atomic<long> late_calls{0};
  std::thread publisher([&] {
    const auto payload = message("x");
    while (!stop.load()) {
      for (int c = 0; c < 4; ++c) bus.publish("room." + std::to_string(c), payload);
    }
  });
  std::vector<std::thread> churners;
  for (int t = 0; t < 3; ++t) {
    churners.emplace_back([&, t] {
      for (int round = 0; round < 500; ++round) {
        auto destroyed = std::make_shared<std::atomic<bool>>(false);
        std::vector<kv::subscription> subs;
        for (int c = 0; c < 4; ++c) {
          subs.push_back(
              bus.subscribe("room." + std::to_string((c + t) % 4), [destroyed, &late_calls](auto, const auto&) {
                if (destroyed->load()) ++late_calls;
              }));
        }
        subs.clear();
        *destroyed = true;
      }
    });
  }
  for (auto& t : churners) t.join();
  stop = true;
  publisher.join();
  EXPECT_EQ(late_calls.load(), 0);
  EXPECT_EQ(bus.channel_count(), 0U);
}

TEST(InProcessPubsub, StaysSafeWhenSubscriptionOutlivesThePubsub) {
  inbox box;
  kv::subscription survivor;
  {
    kv::in_process_pubsub bus;
    survivor = bus.subscribe("room", box.handler());
    bus.publish("room", message("hi"));
  }
  EXPECT_TRUE(survivor.active());
  survivor.reset();  // must not touch the destroyed bus (ASan would report it)
  EXPECT_FALSE(survivor.active());
  EXPECT_EQ(box.size(), 1U);
}

TEST(InProcessPubsub, RejectsEmptyHandlerAndNullPayloadWhenCalledWithThem) {
  kv::in_process_pubsub bus;
  EXPECT_THROW((void)bus.subscribe("room", kv::pubsub::handler{}), std::invalid_argument);
  EXPECT_THROW(bus.publish("room", nullptr), std::invalid_argument);
  EXPECT_EQ(bus.channel_count(), 0U);
}

TEST(InProcessPubsub, DeliversThroughTheInterfaceWhenUsedAsAPubsubReference) {
  kv::in_process_pubsub concrete;
  kv::pubsub& bus = concrete;
  inbox box;
  const auto sub = bus.subscribe("room", box.handler());
  bus.publish("room", message("via base"));
  EXPECT_EQ(box.texts(), std::vector<std::string>{"room:via base"});
}

}  // namespace
