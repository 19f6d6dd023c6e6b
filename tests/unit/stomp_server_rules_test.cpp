// The STOMP server's pure parts: CONNECT terms, frame checks, destination rules, server frames, subscription table.
#include <optional>
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "platform/stomp/codec.hpp"
#include "platform/stomp/rules.hpp"
#include "platform/stomp/server_frames.hpp"
#include "platform/stomp/subscription_table.hpp"

namespace {

namespace stomp = platform::stomp;
using namespace std::string_literals;
using stomp::command;
using stomp::frame;
using stomp::refusal;

frame make(command cmd, std::vector<std::pair<std::string, std::string>> headers, std::string body = {}) {
  return frame{cmd, std::move(headers), std::move(body)};
}

// Decodes one whole frame from `wire`, failing the test otherwise.
frame decode_one(const std::string& wire) {
  stomp::decoder decoder;
  decoder.feed(wire);
  auto result = decoder.next();
  EXPECT_TRUE(result.has_value());
  if (!result || !std::holds_alternative<frame>(*result)) return {};
  EXPECT_FALSE(decoder.next().has_value()) << "more than one frame";
  return std::get<frame>(*result);
}

template <class T>
std::string refusal_of(const stomp::answer<T>& a) {
  const auto* r = std::get_if<refusal>(&a);
  return r ? r->message : "(accepted)";
}

TEST(StompRules, NegotiatesTheHighestVersionAndTheHeartBeatOnConnect) {
  const auto terms = stomp::negotiate_connect(
      make(command::connect, {{"accept-version", "1.0,1.1,1.2"}, {"heart-beat", "10000,10000"}}), 5000, 20000);
  ASSERT_TRUE(std::holds_alternative<stomp::connect_terms>(terms)) << refusal_of(terms);
  const auto& t = std::get<stomp::connect_terms>(terms);
  EXPECT_EQ(t.version, "1.2");
  EXPECT_EQ(t.heart_beat, (stomp::heart_beat_intervals{10000, 20000}));
  EXPECT_EQ(t.server_send_ms, 5000u);
  EXPECT_EQ(t.server_expect_ms, 20000u);
}

TEST(StompRules, AcceptsAStomp10ClientWithoutHeartBeats) {
  const auto terms = stomp::negotiate_connect(make(command::connect, {{"heart-beat", "1000,1000"}}), 5000, 5000);
  ASSERT_TRUE(std::holds_alternative<stomp::connect_terms>(terms));
  EXPECT_EQ(std::get<stomp::connect_terms>(terms).version, "1.0");
  EXPECT_EQ(std::get<stomp::connect_terms>(terms).heart_beat, (stomp::heart_beat_intervals{0, 0}));
}

TEST(StompRules, TurnsHeartBeatsOffWhenTheServerOffersNone) {
  const auto terms =
      stomp::negotiate_connect(make(command::stomp, {{"accept-version", "1.2"}, {"heart-beat", "4000,4000"}}), 0, 0);
  ASSERT_TRUE(std::holds_alternative<stomp::connect_terms>(terms));
  EXPECT_EQ(std::get<stomp::connect_terms>(terms).heart_beat, (stomp::heart_beat_intervals{0, 0}));
}

TEST(StompRules, RefusesConnectWithUnsupportedVersionOrBadHeartBeat) {
  EXPECT_EQ(refusal_of(stomp::negotiate_connect(make(command::connect, {{"accept-version", "2.0"}}), 0, 0)),
            "Supported protocol versions are 1.2,1.1,1.0");
  EXPECT_EQ(refusal_of(stomp::negotiate_connect(
                make(command::connect, {{"accept-version", "1.2"}, {"heart-beat", "-1,0"}}), 0, 0)),
            "Invalid heart-beat header");
}

TEST(StompRules, ReadsSubscribeWithIdDestinationAndAutoAck) {
  const auto request = stomp::read_subscribe(make(command::subscribe, {{"id", "sub-0"}, {"destination", "/sub/a"}}));
  EXPECT_EQ(std::get<stomp::subscribe_request>(request), (stomp::subscribe_request{"sub-0", "/sub/a"}));
  const auto with_ack =
      stomp::read_subscribe(make(command::subscribe, {{"id", "1"}, {"destination", "/sub/a"}, {"ack", "auto"}}));
  EXPECT_TRUE(std::holds_alternative<stomp::subscribe_request>(with_ack));
}

TEST(StompRules, RefusesSubscribeWithoutIdOrDestinationOrWithAnotherAckMode) {
  EXPECT_EQ(refusal_of(stomp::read_subscribe(make(command::subscribe, {{"destination", "/sub/a"}}))),
            "SUBSCRIBE has no id header");
  EXPECT_EQ(refusal_of(stomp::read_subscribe(make(command::subscribe, {{"id", ""}, {"destination", "/sub/a"}}))),
            "SUBSCRIBE has no id header");
  EXPECT_EQ(refusal_of(stomp::read_subscribe(make(command::subscribe, {{"id", "1"}}))),
            "SUBSCRIBE has no destination header");
  EXPECT_EQ(refusal_of(stomp::read_subscribe(
                make(command::subscribe, {{"id", "1"}, {"destination", "/sub/a"}, {"ack", "client"}}))),
            "Only ack mode auto is supported");
}

TEST(StompRules, ReadsUnsubscribeAndSendOrRefusesThem) {
  EXPECT_EQ(std::get<std::string>(stomp::read_unsubscribe(make(command::unsubscribe, {{"id", "7"}}))), "7");
  EXPECT_EQ(refusal_of(stomp::read_unsubscribe(make(command::unsubscribe, {{"destination", "/sub/a"}}))),
            "UNSUBSCRIBE has no id header");
  EXPECT_EQ(std::get<std::string>(stomp::read_send(make(command::send, {{"destination", "/pub/x"}}, "{}"))), "/pub/x");
  EXPECT_EQ(refusal_of(stomp::read_send(make(command::send, {}))), "SEND has no destination header");
  EXPECT_EQ(refusal_of(stomp::read_send(make(command::send, {{"destination", "/pub/x"}, {"transaction", "t"}}))),
            "Transactions are not supported");
}

TEST(StompRules, RefusesCommandsAnOpenSessionDoesNotServe) {
  for (const auto cmd : {command::send, command::subscribe, command::unsubscribe, command::disconnect}) {
    EXPECT_FALSE(stomp::refuse_command(cmd)) << stomp::to_string(cmd);
  }
  EXPECT_EQ(stomp::refuse_command(command::connect)->message, "Already connected");
  EXPECT_EQ(stomp::refuse_command(command::ack)->message, "Only ack mode auto is supported");
  EXPECT_EQ(stomp::refuse_command(command::begin)->message, "Transactions are not supported");
  EXPECT_EQ(stomp::refuse_command(command::message)->message, "Server frames cannot be sent by a client");
}

TEST(StompRules, MatchesDestinationPrefixesOnSegmentBoundaries) {
  EXPECT_TRUE(stomp::under_prefix("/sub", "/sub/chat/room/5"));
  EXPECT_TRUE(stomp::under_prefix("/sub", "/sub"));
  EXPECT_FALSE(stomp::under_prefix("/sub", "/subway"));
  EXPECT_FALSE(stomp::under_prefix("/sub", "/su"));
  EXPECT_FALSE(stomp::under_prefix("/sub", "/pub/sub"));
  EXPECT_TRUE(stomp::under_prefix("/sub/", "/sub/x"));
  EXPECT_FALSE(stomp::under_prefix("", "/sub/x"));
}

TEST(StompRules, ClassifiesDestinationsAsBrokerApplicationOrUnknown) {
  const stomp::destination_rules rules({"/sub", "/topic"}, {"/pub", "/app"});
  EXPECT_EQ(rules.classify("/sub/chat/room/5"), stomp::destination_kind::broker);
  EXPECT_EQ(rules.classify("/topic/news"), stomp::destination_kind::broker);
  EXPECT_EQ(rules.classify("/pub/chat/message"), stomp::destination_kind::application);
  EXPECT_EQ(rules.classify("/app"), stomp::destination_kind::application);
  EXPECT_EQ(rules.classify("/queue/x"), stomp::destination_kind::unknown);
  EXPECT_EQ(rules.classify(""), stomp::destination_kind::unknown);
}

TEST(StompServerFrames, BuildsConnectedWithVersionHeartBeatAndServer) {
  const stomp::connect_terms terms{"1.2", {0, 0}, 10000, 0};
  EXPECT_EQ(stomp::connected_frame(terms, "test/1"),
            "CONNECTED\nversion:1.2\nheart-beat:10000,0\nserver:test/1\n\n"s + '\0');
  const stomp::connect_terms old{"1.0", {}, 10000, 0};
  EXPECT_EQ(stomp::connected_frame(old, "test/1"), "CONNECTED\nversion:1.0\nserver:test/1\n\n"s + '\0');
}

TEST(StompServerFrames, BuildsReceiptAndErrorFrames) {
  EXPECT_EQ(stomp::receipt_frame("r-1"), "RECEIPT\nreceipt-id:r-1\n\n"s + '\0');
  EXPECT_EQ(stomp::error_frame("Bad: thing"), "ERROR\nmessage:Bad\\c thing\n\n"s + '\0');
  const auto error = decode_one(stomp::error_frame("Refused", "77"));
  EXPECT_EQ(error.cmd, command::error);
  EXPECT_EQ(error.header("message"), "Refused");
  EXPECT_EQ(error.header("receipt-id"), "77");
}

TEST(StompServerFrames, BuildsMessageFramesFromOneSharedTailThatDecodeBack) {
  const std::string body = "{\"message\":\"안녕\"}\0x"s;  // a NUL in the body: content-length carries it
  const stomp::message_tail tail("/sub/chat/room:5", 42, "application/json", body);
  for (const std::string id : {"sub-0", "a:b\\c\nd"}) {
    const auto f = decode_one(tail.frame_for(stomp::message_head(id)));
    EXPECT_EQ(f.cmd, command::message);
    EXPECT_EQ(f.header("subscription"), id);
    EXPECT_EQ(f.header("destination"), "/sub/chat/room:5");
    EXPECT_EQ(f.header("message-id"), "42");
    EXPECT_EQ(f.header("content-type"), "application/json");
    EXPECT_EQ(f.header("content-length"), std::to_string(body.size()));
    EXPECT_EQ(f.body, body);
  }
  EXPECT_EQ(stomp::message_tail("/sub/a", 1, "text/plain", "").text(),
            "destination:/sub/a\nmessage-id:1\ncontent-type:text/plain\ncontent-length:0\n\n"s + '\0');
}

TEST(StompSubscriptionTable, KeepsSubscriptionsByUniqueIdUpToTheLimit) {
  stomp::subscription_table<int> table(2);
  const stomp::subscribe_request a{"a", "/sub/1"};
  EXPECT_FALSE(table.check(a));
  table.add(a, 1);
  EXPECT_EQ(table.check({"a", "/sub/2"})->message, "Subscription id a is already in use");
  const stomp::subscribe_request b{"b", "/sub/1"};
  EXPECT_FALSE(table.check(b));
  table.add(b, 2);
  EXPECT_EQ(table.check({"c", "/sub/3"})->message, "Too many subscriptions (limit 2)");

  EXPECT_FALSE(table.remove("zzz"));
  const auto removed = table.remove("a");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->destination, "/sub/1");
  EXPECT_EQ(removed->handle, 1);
  EXPECT_FALSE(table.check({"a", "/sub/9"}));  // the id is free again
  const auto rest = table.take_all();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, "b");
  EXPECT_EQ(table.size(), 0u);
}

}  // namespace
