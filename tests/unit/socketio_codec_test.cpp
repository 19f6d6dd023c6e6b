// Engine.IO v4 and Socket.IO v5 packets: the forms socket.io-client 4 sends and the ones it must reject.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "platform/socketio/engine_packet.hpp"
#include "platform/socketio/socket_packet.hpp"

namespace {

using namespace platform::socketio;

TEST(EnginePacket, DecodesEveryType) {
  const auto open = decode_engine_packet(R"(0{"sid":"x"})");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->type, engine_type::open);
  EXPECT_EQ(open->data, R"({"sid":"x"})");
  EXPECT_EQ(decode_engine_packet("2")->type, engine_type::ping);
  EXPECT_EQ(decode_engine_packet("3probe")->data, "probe");
  EXPECT_EQ(decode_engine_packet("5")->type, engine_type::upgrade);
  EXPECT_EQ(decode_engine_packet("6")->type, engine_type::noop);
  const auto message = decode_engine_packet(R"(42["sentMessage",{}])");
  ASSERT_TRUE(message);
  EXPECT_EQ(message->type, engine_type::message);
  EXPECT_EQ(message->data, R"(2["sentMessage",{}])");
  EXPECT_FALSE(message->binary);
}

TEST(EnginePacket, MarksBinaryAndRefusesUnknownTypes) {
  const auto binary = decode_engine_packet("bAQID");
  ASSERT_TRUE(binary);
  EXPECT_TRUE(binary->binary);
  EXPECT_FALSE(decode_engine_packet(""));
  EXPECT_FALSE(decode_engine_packet("7"));
  EXPECT_FALSE(decode_engine_packet("x"));
}

TEST(EnginePayload, SplitsOnTheRecordSeparator) {
  const auto packets = decode_engine_payload(
      "4hello\x1e"
      "2\x1e"
      "4",
      10);
  ASSERT_TRUE(packets);
  ASSERT_EQ(packets->size(), 3U);
  EXPECT_EQ((*packets)[0].data, "hello");
  EXPECT_EQ((*packets)[1].type, engine_type::ping);
  EXPECT_EQ((*packets)[2].data, "");
}

TEST(EnginePayload, RefusesEmptyRecordsAndTooManyPackets) {
  EXPECT_FALSE(decode_engine_payload("", 10));
  EXPECT_FALSE(decode_engine_payload("4a\x1e", 10));
  EXPECT_FALSE(
      decode_engine_payload("\x1e"
                            "4a",
                            10));
  EXPECT_FALSE(
      decode_engine_payload("4a\x1e"
                            "4b\x1e"
                            "4c",
                            2));
  EXPECT_TRUE(
      decode_engine_payload("4a\x1e"
                            "4b",
                            2));
}

TEST(EnginePayload, EncodesWhatItDecodes) {
  const std::vector<engine_packet> packets{{engine_type::message, R"(2["showMessage",{"a":1}])", false},
                                           {engine_type::ping, "", false}};
  const auto text = encode_engine_payload(packets);
  EXPECT_EQ(text,
            "42[\"showMessage\",{\"a\":1}]\x1e"
            "2");
  const auto back = decode_engine_payload(text, 10);
  ASSERT_TRUE(back);
  EXPECT_EQ((*back)[0].data, packets[0].data);
  EXPECT_EQ((*back)[1].type, engine_type::ping);
}

TEST(SocketPacket, DecodesConnectWithAndWithoutAuth) {
  const auto plain = decode_socket_packet("0");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->type, socket_type::connect);
  EXPECT_EQ(plain->nsp, "/");
  EXPECT_FALSE(plain->data);
  const auto with_auth = decode_socket_packet(R"(0/admin,{"token":"t"})");
  ASSERT_TRUE(with_auth);
  EXPECT_EQ(with_auth->nsp, "/admin");
  EXPECT_EQ(boost::json::serialize(*with_auth->data), R"({"token":"t"})");
}

TEST(SocketPacket, DecodesEventsWithNamespaceAndAckId) {
  const auto event = decode_socket_packet(R"(2["enter-room","42"])");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, socket_type::event);
  EXPECT_FALSE(event->id);
  EXPECT_EQ(event->data->as_array().at(1).as_string(), "42");

  const auto acked = decode_socket_packet(R"(2/chat,17["sentMessage",{"content":"hi"}])");
  ASSERT_TRUE(acked);
  EXPECT_EQ(acked->nsp, "/chat");
  EXPECT_EQ(acked->id, 17U);

  const auto ack = decode_socket_packet(R"(317[])");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->type, socket_type::ack);
  EXPECT_EQ(ack->id, 17U);
}

TEST(SocketPacket, DecodesBinaryHeaders) {
  const auto binary = decode_socket_packet(R"(51-["upload",{"_placeholder":true,"num":0}])");
  ASSERT_TRUE(binary);
  EXPECT_EQ(binary->type, socket_type::binary_event);
  EXPECT_EQ(binary->attachments, 1U);
  EXPECT_FALSE(decode_socket_packet(R"(5["upload"])"));
  EXPECT_FALSE(decode_socket_packet(R"(51["upload"])"));
}

TEST(SocketPacket, RefusesPayloadsOfTheWrongShape) {
  for (const char* text : {"",
                           "7",
                           "x",
                           R"(0[])",
                           R"(0"a")",
                           R"(1{})",
                           R"(2{})",
                           R"(2[])",
                           R"(2[{}])",
                           R"(2["connect"])",
                           R"(2["disconnect",1])",
                           R"(3{})",
                           "4",
                           R"(4[1])",
                           R"(2["a")",
                           R"(2["a"]x)",
                           R"(299999999999999999999["a"])",
                           R"(29007199254740992["a"])",
                           R"(2["a",1e400])",
                           R"(2["a",{"n":[-1e999]}])"}) {
    EXPECT_FALSE(decode_socket_packet(text)) << text;
  }
  EXPECT_TRUE(decode_socket_packet(R"(4{"message":"no"})"));
  EXPECT_TRUE(decode_socket_packet(R"(4"no")"));
  EXPECT_TRUE(decode_socket_packet(R"(2[1,"numeric event names are allowed"])"));
  EXPECT_TRUE(decode_socket_packet(R"(29007199254740991["a"])"));
}

TEST(SocketPacket, RefusesJsonNestedPastTheLimit) {
  std::string deep = "2[\"a\",";
  for (int i = 0; i < 40; ++i) deep += '[';
  for (int i = 0; i < 40; ++i) deep += ']';
  deep += ']';
  EXPECT_FALSE(decode_socket_packet(deep));
  EXPECT_TRUE(decode_socket_packet(deep, decode_limits{.max_json_depth = 64}));
}

TEST(SocketPacket, EncodesAsTheReferenceEncoder) {
  socket_packet connect_reply{socket_type::connect, "/", std::nullopt, 0, boost::json::parse(R"({"sid":"abc"})")};
  EXPECT_EQ(encode_socket_packet(connect_reply), R"(0{"sid":"abc"})");
  socket_packet event{socket_type::event, "/", std::nullopt, 0,
                      boost::json::parse(R"(["showMessage",{"content":"안녕"}])")};
  EXPECT_EQ(encode_socket_packet(event), R"(2["showMessage",{"content":"안녕"}])");
  socket_packet ack{socket_type::ack, "/chat", 5, 0, boost::json::parse("[true]")};
  EXPECT_EQ(encode_socket_packet(ack), "3/chat,5[true]");
  socket_packet error{socket_type::connect_error, "/", std::nullopt, 0, boost::json::parse(R"({"message":"no"})")};
  EXPECT_EQ(encode_socket_packet(error), R"(4{"message":"no"})");
  for (const auto& packet : {connect_reply, event, ack, error}) {
    const auto back = decode_socket_packet(encode_socket_packet(packet));
    ASSERT_TRUE(back);
    EXPECT_EQ(encode_socket_packet(*back), encode_socket_packet(packet));
  }
}

}  // namespace
