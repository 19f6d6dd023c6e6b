// Unit tests for the STOMP codec: stompjs and Spring frames, escaping, split feeds, malformed input, limits.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "platform/stomp/codec.hpp"
#include "platform/stomp/frame.hpp"
#include "platform/stomp/negotiation.hpp"

namespace {

namespace stomp = platform::stomp;
using namespace std::string_literals;
using stomp::command;
using stomp::decode_error;

const std::vector<command> all_commands{
    command::connect,     command::stomp,      command::connected, command::send,    command::subscribe,
    command::unsubscribe, command::ack,        command::nack,      command::begin,   command::commit,
    command::abort,       command::disconnect, command::message,   command::receipt, command::error,
};

// Everything the decoder yields for the bytes fed in the given pieces, draining after each feed.
std::vector<stomp::decode_result> decode_pieces(const std::vector<std::string>& pieces, stomp::limits limits = {}) {
  stomp::decoder decoder(limits);
  std::vector<stomp::decode_result> results;
  for (const auto& piece : pieces) {
    decoder.feed(piece);
    while (auto result = decoder.next()) results.push_back(std::move(*result));
  }
  return results;
}

std::vector<stomp::decode_result> decode_all(const std::string& bytes, stomp::limits limits = {}) {
  return decode_pieces({bytes}, limits);
}

// The single frame in bytes; fails the test if anything else comes out.
stomp::frame decode_one(const std::string& bytes) {
  const auto results = decode_all(bytes);
  if (results.size() != 1 || !std::holds_alternative<stomp::frame>(results[0])) {
    ADD_FAILURE() << "expected exactly one frame from: " << bytes;
    return {};
  }
  return std::get<stomp::frame>(results[0]);
}

// The error the bytes end in, or nullopt when decoding did not fail.
std::optional<decode_error> error_of(const std::string& bytes, stomp::limits limits = {}) {
  const auto results = decode_all(bytes, limits);
  if (results.empty()) return std::nullopt;
  const auto* failure = std::get_if<stomp::decode_failure>(&results.back());
  if (failure == nullptr) return std::nullopt;
  return failure->code;
}

stomp::frame with_content_length(stomp::frame f) {
  f.headers.emplace_back("content-length", std::to_string(f.body.size()));
  return f;
}

// --- frame ---------------------------------------------------------------------------------------------

TEST(StompFrame, MapsEveryCommandToItsUpperCaseWireNameAndBack) {
  for (const auto cmd : all_commands) {
    const auto name = stomp::to_string(cmd);
    EXPECT_EQ(stomp::command_from_string(name), cmd) << name;
  }
  EXPECT_EQ(stomp::to_string(command::connect), "CONNECT");
  EXPECT_EQ(stomp::to_string(command::unsubscribe), "UNSUBSCRIBE");
  EXPECT_EQ(stomp::to_string(command::error), "ERROR");
  EXPECT_EQ(stomp::command_from_string("send"), std::nullopt);
  EXPECT_EQ(stomp::command_from_string("SEND "), std::nullopt);
  EXPECT_EQ(stomp::command_from_string(""), std::nullopt);
}

TEST(StompFrame, ReturnsFirstOccurrenceWhenHeaderIsRepeated) {
  const stomp::frame f{command::message, {{"foo", "first"}, {"bar", "x"}, {"foo", "second"}}, ""};
  EXPECT_EQ(f.header("foo"), "first");
  EXPECT_EQ(f.header("bar"), "x");
  EXPECT_EQ(f.header("Foo"), std::nullopt);  // names are case-sensitive
  EXPECT_EQ(f.header("baz"), std::nullopt);
}

TEST(StompFrame, EscapesHeadersForEveryCommandButConnectAndConnected) {
  for (const auto cmd : all_commands) {
    EXPECT_EQ(stomp::escapes_headers(cmd), cmd != command::connect && cmd != command::connected)
        << stomp::to_string(cmd);
  }
}

// --- encode --------------------------------------------------------------------------------------------

TEST(StompCodec, RoundTripsEveryCommandWithHeadersAndBody) {
  for (const auto cmd : all_commands) {
    const stomp::frame empty{cmd, {{"id", "sub-0"}, {"receipt", "77"}}, ""};
    EXPECT_EQ(decode_one(stomp::encode(empty)), empty) << stomp::to_string(cmd);
    const stomp::frame full{cmd, {{"destination", "/sub/chat/room/5"}}, "payload"};
    EXPECT_EQ(decode_one(stomp::encode(full)), with_content_length(full)) << stomp::to_string(cmd);
  }
}

TEST(StompCodec, EncodesConnectedFrameByteForByte) {
  const stomp::frame f{command::connected, {{"version", "1.2"}, {"heart-beat", "0,0"}}, ""};
  EXPECT_EQ(stomp::encode(f), "CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0"s);
}

TEST(StompCodec, EncodesMessageFrameAsSpringBrokerSendsIt) {
  const std::string body = R"({"messageNo":15,"roomNo":5,"type":"TALK","sender":"댕댕","message":"안녕"})";
  const stomp::frame f{command::message,
                       {{"destination", "/sub/chat/room/5"},
                        {"content-type", "application/json"},
                        {"subscription", "sub-0"},
                        {"message-id", "a1b2c3-0"}},
                       body};
  EXPECT_EQ(stomp::encode(f),
            "MESSAGE\ndestination:/sub/chat/room/5\ncontent-type:application/json\n"
            "subscription:sub-0\nmessage-id:a1b2c3-0\ncontent-length:" +
                std::to_string(body.size()) + "\n\n" + body + "\0"s);
  const auto decoded = decode_one(stomp::encode(f));
  EXPECT_EQ(decoded.header("subscription"), "sub-0");
  EXPECT_EQ(decoded.body, body);
}

TEST(StompCodec, EncodesErrorFrameWithEscapedMessageHeader) {
  const stomp::frame f{command::error, {{"message", "bad: token\nexpired"}}, "details"};
  EXPECT_EQ(stomp::encode(f), "ERROR\nmessage:bad\\c token\\nexpired\ncontent-length:7\n\ndetails\0"s);
}

TEST(StompCodec, EncodesReceiptFrameWithoutContentLength) {
  const stomp::frame f{command::receipt, {{"receipt-id", "message-12345"}}, ""};
  EXPECT_EQ(stomp::encode(f), "RECEIPT\nreceipt-id:message-12345\n\n\0"s);
}

TEST(StompCodec, EscapesBackslashCrLfAndColonInHeaderNamesAndValues) {
  const stomp::frame f{command::send, {{"we:ird\\", "a:b\r\nc\\d"}}, ""};
  EXPECT_EQ(stomp::encode(f), "SEND\nwe\\cird\\\\:a\\cb\\r\\nc\\\\d\n\n\0"s);
  EXPECT_EQ(decode_one(stomp::encode(f)), f);
}

TEST(StompCodec, KeepsConnectHeadersRawWhenEncoding) {
  const stomp::frame f{command::connect, {{"passcode", "a\\b:c"}}, ""};
  EXPECT_EQ(stomp::encode(f), "CONNECT\npasscode:a\\b:c\n\n\0"s);
  EXPECT_EQ(decode_one(stomp::encode(f)), f);
}

TEST(StompCodec, ThrowsWhenConnectedHeaderCannotBeWrittenRaw) {
  EXPECT_THROW(stomp::encode({command::connected, {{"server", "a\nb"}}, ""}), std::invalid_argument);
  EXPECT_THROW(stomp::encode({command::connect, {{"login", "a\rb"}}, ""}), std::invalid_argument);
  EXPECT_THROW(stomp::encode({command::connect, {{"lo:gin", "x"}}, ""}), std::invalid_argument);
  EXPECT_NO_THROW(stomp::encode({command::send, {{"lo:gin", "a\nb"}}, ""}));
}

TEST(StompCodec, ThrowsWhenHeaderNameIsEmpty) {
  EXPECT_THROW(stomp::encode({command::send, {{"", "x"}}, ""}), std::invalid_argument);
}

TEST(StompCodec, KeepsCallerContentLengthWhenItMatchesTheBody) {
  const stomp::frame f{command::send, {{"content-length", "3"}, {"destination", "/a"}}, "abc"};
  EXPECT_EQ(stomp::encode(f), "SEND\ncontent-length:3\ndestination:/a\n\nabc\0"s);
  const stomp::frame empty{command::send, {{"content-length", "0"}}, ""};
  EXPECT_EQ(stomp::encode(empty), "SEND\ncontent-length:0\n\n\0"s);
}

TEST(StompCodec, ThrowsWhenCallerContentLengthDisagreesWithTheBody) {
  EXPECT_THROW(stomp::encode({command::send, {{"content-length", "4"}}, "abc"}), std::invalid_argument);
  EXPECT_THROW(stomp::encode({command::send, {{"content-length", "x"}}, "abc"}), std::invalid_argument);
}

TEST(StompCodec, AddsContentLengthSoThatBodyWithNulRoundTrips) {
  const stomp::frame f{command::message, {{"destination", "/b"}}, "a\0b\0"s};
  EXPECT_EQ(stomp::encode(f), "MESSAGE\ndestination:/b\ncontent-length:4\n\na\0b\0\0"s);
  EXPECT_EQ(decode_one(stomp::encode(f)), with_content_length(f));
}

// --- decode: what the frontends send --------------------------------------------------------------------

const std::string token = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl";

TEST(StompCodec, DecodesStompJsConnectFrame) {
  // stompjs 6: the app's connectHeaders first, then accept-version and heart-beat (Versions.default).
  const auto f = decode_one("CONNECT\nAuthorization:" + token +
                            "\ntype:TALK\naccept-version:1.0,1.1,1.2\nheart-beat:10000,10000\n\n\0"s);
  EXPECT_EQ(f.cmd, command::connect);
  ASSERT_EQ(f.headers.size(), 4U);
  EXPECT_EQ(f.headers[0].first, "Authorization");
  EXPECT_EQ(f.header("Authorization"), token);
  EXPECT_EQ(f.header("type"), "TALK");
  EXPECT_EQ(stomp::negotiate_version(f.header("accept-version")), "1.2");
  EXPECT_EQ(stomp::negotiate_heart_beat(*f.header("heart-beat"), 0, 0), (stomp::heart_beat_intervals{0, 0}));
  EXPECT_TRUE(f.body.empty());
}

TEST(StompCodec, DecodesConnectWithHighestVersionListedFirst) {
  const auto f = decode_one("CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\n\n\0"s);
  EXPECT_EQ(stomp::negotiate_version(f.header("accept-version")), "1.2");
}

TEST(StompCodec, DecodesStompJsSubscribeFrame) {
  const auto f = decode_one("SUBSCRIBE\nAuthorization:" + token + "\nid:sub-0\ndestination:/sub/chat/room/5\n\n\0"s);
  EXPECT_EQ(f.cmd, command::subscribe);
  EXPECT_EQ(f.header("id"), "sub-0");
  EXPECT_EQ(f.header("destination"), "/sub/chat/room/5");
}

TEST(StompCodec, DecodesStompJsSendFrameWithKoreanJsonByByteLength) {
  const std::string body = R"({"roomNo":5,"message":"안녕하세요 산책 가요","type":"TALK","sender":"댕댕"})";
  ASSERT_GT(body.size(), 60U);  // UTF-8 bytes, not characters: what stompjs's TextEncoder counts
  const auto f = decode_one("SEND\ndestination:/pub/chat/message\nAuthorization:" + token +
                            "\ncontent-length:" + std::to_string(body.size()) + "\n\n" + body + "\0"s);
  EXPECT_EQ(f.cmd, command::send);
  EXPECT_EQ(f.header("destination"), "/pub/chat/message");
  EXPECT_EQ(f.body, body);
}

TEST(StompCodec, DecodesKoreanHeaderValueInEnterFrame) {
  const std::string body = R"({"type":"ENTER","roomNo":5,"sender":"댕댕이"})";
  const auto f =
      decode_one("SEND\ndestination:/pub/chat/message\nnick:댕댕이\ncontent-length:" + std::to_string(body.size()) +
                 "\n\n" + body + "\0"s);
  EXPECT_EQ(f.header("nick"), "댕댕이");
  EXPECT_EQ(f.body, body);
}

TEST(StompCodec, DecodesServerFramesAsStompJsReceivesThem) {
  EXPECT_EQ(decode_one("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0"s).header("version"), "1.2");
  const auto message = decode_one(
      "MESSAGE\ndestination:/sub/chat/room/5\ncontent-type:application/json\nsubscription:sub-0\n"
      "message-id:x-1\ncontent-length:2\n\n{}\0"s);
  EXPECT_EQ(message.cmd, command::message);
  EXPECT_EQ(message.header("message-id"), "x-1");
  EXPECT_EQ(message.body, "{}");
  const auto error = decode_one("ERROR\nmessage:bad\\c token\n\nhello\0"s);
  EXPECT_EQ(error.header("message"), "bad: token");
  EXPECT_EQ(error.body, "hello");
  EXPECT_EQ(decode_one("RECEIPT\nreceipt-id:77\n\n\0"s).header("receipt-id"), "77");
}

// --- decode: framing -----------------------------------------------------------------------------------

TEST(StompCodec, AcceptsCrLfLineEndings) {
  const auto f = decode_one("SEND\r\ndestination:/a\r\nx:y\r\n\r\nbody\0"s);
  EXPECT_EQ(f, (stomp::frame{command::send, {{"destination", "/a"}, {"x", "y"}}, "body"}));
}

TEST(StompCodec, DecodesHeaderEscapes) {
  const auto f = decode_one("MESSAGE\nna\\cme:a\\cb\\nc\\rd\\\\e\n\n\0"s);
  ASSERT_EQ(f.headers.size(), 1U);
  EXPECT_EQ(f.headers[0].first, "na:me");
  EXPECT_EQ(f.headers[0].second, "a:b\nc\rd\\e");
}

TEST(StompCodec, ToleratesRawColonInValueBySplittingAtTheFirst) {
  const auto f = decode_one("SEND\ndestination:/a:b:c\n\n\0"s);
  EXPECT_EQ(f.header("destination"), "/a:b:c");
}

TEST(StompCodec, AcceptsEmptyHeaderValue) { EXPECT_EQ(decode_one("SEND\nx:\n\n\0"s).header("x"), ""); }

TEST(StompCodec, DoesNotUnescapeConnectOrConnectedHeaders) {
  EXPECT_EQ(decode_one("CONNECT\npasscode:a\\nb\\t\\\n\n\0"s).header("passcode"), "a\\nb\\t\\");
  EXPECT_EQ(decode_one("CONNECTED\nserver:x\\c\n\n\0"s).header("server"), "x\\c");
  // STOMP (the 1.1+ spelling of CONNECT) is not exempt in the spec, so it is unescaped.
  EXPECT_EQ(decode_one("STOMP\npasscode:a\\cb\n\n\0"s).header("passcode"), "a:b");
}

TEST(StompCodec, KeepsRepeatedHeadersAndUsesFirstContentLength) {
  const auto f = decode_one("SEND\ncontent-length:2\ncontent-length:5\n\nab\0"s);
  ASSERT_EQ(f.headers.size(), 2U);
  EXPECT_EQ(f.header("content-length"), "2");
  EXPECT_EQ(f.body, "ab");
  // A bad repeat is only history and is not parsed.
  EXPECT_EQ(decode_one("SEND\ncontent-length:1\ncontent-length:zz\n\na\0"s).body, "a");
}

TEST(StompCodec, ReadsExactlyContentLengthBytesIncludingNuls) {
  const auto f = decode_one("SEND\ncontent-length:5\n\na\0b\0c\0"s);
  EXPECT_EQ(f.body, "a\0b\0c"s);
}

TEST(StompCodec, EndsBodyAtFirstNulWithoutContentLength) {
  const auto results = decode_all("SEND\n\nab\0SEND\n\ncd\0"s);
  ASSERT_EQ(results.size(), 2U);
  EXPECT_EQ(std::get<stomp::frame>(results[0]).body, "ab");
  EXPECT_EQ(std::get<stomp::frame>(results[1]).body, "cd");
}

TEST(StompCodec, DecodesSeveralFramesFromOneFeedInOrder) {
  const std::string bytes = stomp::encode({command::subscribe, {{"id", "sub-0"}}, ""}) +
                            stomp::encode({command::send, {{"destination", "/a"}}, "x"}) +
                            stomp::encode({command::disconnect, {{"receipt", "r-1"}}, ""});
  const auto results = decode_all(bytes);
  ASSERT_EQ(results.size(), 3U);
  EXPECT_EQ(std::get<stomp::frame>(results[0]).cmd, command::subscribe);
  EXPECT_EQ(std::get<stomp::frame>(results[1]).body, "x");
  EXPECT_EQ(std::get<stomp::frame>(results[2]).header("receipt"), "r-1");
}

TEST(StompCodec, ReportsEachEolBetweenFramesAsHeartBeat) {
  const auto results = decode_all("\n\r\nSEND\n\na\0\n\n"s);
  ASSERT_EQ(results.size(), 5U);
  EXPECT_TRUE(std::holds_alternative<stomp::heart_beat>(results[0]));
  EXPECT_TRUE(std::holds_alternative<stomp::heart_beat>(results[1]));
  EXPECT_TRUE(std::holds_alternative<stomp::frame>(results[2]));
  EXPECT_TRUE(std::holds_alternative<stomp::heart_beat>(results[3]));
  EXPECT_TRUE(std::holds_alternative<stomp::heart_beat>(results[4]));
}

TEST(StompCodec, WaitsForLfAfterLoneCrBeforeReportingHeartBeat) {
  stomp::decoder decoder;
  decoder.feed("\r");
  EXPECT_EQ(decoder.next(), std::nullopt);
  decoder.feed("\n");
  const auto result = decoder.next();
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(std::holds_alternative<stomp::heart_beat>(*result));
}

// A stream with every feature whose decoding must not depend on where it is cut.
const std::string mixed_stream =
    "\n"
    "CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\nAuthorization:Bearer a.b.c\n\n\0"
    "\r\n"
    "SUBSCRIBE\r\nid:sub-0\r\ndestination:/sub/chat/room/5\r\n\r\n\0"
    "SEND\ndestination:/pub/chat/message\ncontent-length:10\n\n{\"a\":\0\"b\"}\0\n"
    "MESSAGE\nsubscription:sub-0\nweird\\c:x\\ny\n\n안녕\0"
    "\n\n"s;

TEST(StompCodec, DecodesIdenticallyWhenSplitAtEveryOffset) {
  const auto whole = decode_all(mixed_stream);
  ASSERT_EQ(whole.size(), 9U);
  for (std::size_t cut = 0; cut <= mixed_stream.size(); ++cut) {
    EXPECT_EQ(decode_pieces({mixed_stream.substr(0, cut), mixed_stream.substr(cut)}), whole) << "cut at " << cut;
  }
}

TEST(StompCodec, DecodesIdenticallyWhenFedOneByteAtATime) {
  std::vector<std::string> bytes;
  for (const char c : mixed_stream) bytes.emplace_back(1, c);
  EXPECT_EQ(decode_pieces(bytes), decode_all(mixed_stream));
}

TEST(StompCodec, FailsIdenticallyWhenSplitAtEveryOffset) {
  const stomp::limits small{.max_line_bytes = 16, .max_headers = 2, .max_frame_bytes = 48};
  for (const std::string& bad : {"SEND\na:b\n\n\0SEND\nthis-line-is-too-long:x\n\n\0"s, "SEND\na:1\nb:2\nc:3\n\n\0"s,
                                 "SEND\n\n0123456789012345678901234567890123456789012"s, "SEND\nx:\\t\n\n\0"s,
                                 "SEND\ncontent-length:2\n\nabc\0"s}) {
    const auto whole = decode_all(bad, small);
    ASSERT_FALSE(whole.empty());
    ASSERT_TRUE(std::holds_alternative<stomp::decode_failure>(whole.back())) << bad;
    for (std::size_t cut = 0; cut <= bad.size(); ++cut) {
      EXPECT_EQ(decode_pieces({bad.substr(0, cut), bad.substr(cut)}, small), whole) << bad << " cut at " << cut;
    }
  }
}

TEST(StompCodec, WaitsWithoutErrorWhenNulHasNotArrived) {
  stomp::decoder decoder;
  decoder.feed("SEND\ndestination:/a\n\nhello");
  EXPECT_EQ(decoder.next(), std::nullopt);
  EXPECT_FALSE(decoder.failed());
  decoder.feed("\0"s);
  const auto result = decoder.next();
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(std::get<stomp::frame>(*result).body, "hello");
}

TEST(StompCodec, WaitsWithoutErrorWhenContentLengthBytesHaveNotArrived) {
  stomp::decoder decoder;
  decoder.feed("SEND\ncontent-length:10\n\nabc\0"s);
  EXPECT_EQ(decoder.next(), std::nullopt);
  EXPECT_FALSE(decoder.failed());
  decoder.feed("defghi\0"s);
  const auto result = decoder.next();
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(std::get<stomp::frame>(*result).body, "abc\0defghi"s);
}

TEST(StompCodec, WaitsWithoutErrorForPartialCommandAndHeaders) {
  EXPECT_TRUE(decode_all("SEN").empty());
  EXPECT_TRUE(decode_all("SEND\ndestina").empty());
  EXPECT_TRUE(decode_all("SEND\ndestination:/a\n").empty());
}

// --- decode: malformed input ---------------------------------------------------------------------------

TEST(StompCodec, FailsWithMissingNulWhenContentLengthIsTooShort) {
  EXPECT_EQ(error_of("SEND\ncontent-length:2\n\nabc\0"s), decode_error::missing_nul);
}

TEST(StompCodec, FailsWithMissingNulWhenContentLengthRunsIntoNextFrame) {
  EXPECT_EQ(error_of("SEND\ncontent-length:6\n\nab\0SEND\n\n\0"s), decode_error::missing_nul);
}

TEST(StompCodec, FailsWithBadContentLengthWhenNotPlainDecimal) {
  for (const std::string value : {"abc", "-1", "+5", " 5", "5 ", "", "0x10", "1.5", "99999999999999999999999"}) {
    EXPECT_EQ(error_of("SEND\ncontent-length:" + value + "\n\nx\0"s), decode_error::bad_content_length) << value;
  }
}

TEST(StompCodec, FailsWithFrameTooLargeWhenContentLengthExceedsLimit) {
  EXPECT_EQ(error_of("SEND\ncontent-length:1000000\n\nx\0"s), decode_error::frame_too_large);
  EXPECT_EQ(error_of("SEND\ncontent-length:18446744073709551615\n\n"s), decode_error::frame_too_large);
}

TEST(StompCodec, FailsWithBadEscapeForUndefinedOrTrailingBackslash) {
  EXPECT_EQ(error_of("SEND\nx:a\\tb\n\n\0"s), decode_error::bad_escape);
  EXPECT_EQ(error_of("SEND\nx:ab\\\n\n\0"s), decode_error::bad_escape);
  EXPECT_EQ(error_of("SEND\nx\\:ab\n\n\0"s), decode_error::bad_escape);  // name "x\" ends in a lone backslash
  EXPECT_EQ(error_of("SEND\na\\b:c\n\n\0"s), decode_error::bad_escape);
}

TEST(StompCodec, FailsWithUnknownCommand) {
  EXPECT_EQ(error_of("FOO\n\n\0"s), decode_error::unknown_command);
  EXPECT_EQ(error_of("send\ndestination:/a\n\n\0"s), decode_error::unknown_command);
  EXPECT_EQ(error_of("SEND \n\n\0"s), decode_error::unknown_command);
  EXPECT_EQ(error_of(" SEND\n\n\0"s), decode_error::unknown_command);
  EXPECT_EQ(error_of("\rSEND\n\n\0"s), decode_error::unknown_command);
  EXPECT_EQ(error_of("\0\n"s), decode_error::unknown_command);
  EXPECT_EQ(error_of("GET / HTTP/1.1\r\n"s), decode_error::unknown_command);
}

TEST(StompCodec, FailsWithMalformedHeader) {
  EXPECT_EQ(error_of("SEND\nno-colon-here\n\n\0"s), decode_error::malformed_header);
  EXPECT_EQ(error_of("SEND\n:empty-name\n\n\0"s), decode_error::malformed_header);
  EXPECT_EQ(error_of("SEND\nx:a\rb\n\n\0"s), decode_error::malformed_header);
  EXPECT_EQ(error_of("CONNECT\nlogin:a\rb\n\n\0"s), decode_error::malformed_header);
  EXPECT_EQ(error_of("SEND\nx:y\r\r\n\n\0"s), decode_error::malformed_header);
}

TEST(StompCodec, FailsWithHeaderTooLongAtOneByteOverTheLimit) {
  const stomp::limits limits{.max_line_bytes = 10, .max_headers = 64, .max_frame_bytes = 1024};
  EXPECT_EQ(error_of("SEND\n123456:789\n\n\0"s, limits), std::nullopt);  // exactly 10
  EXPECT_EQ(error_of("SEND\n123456:7890\n\n\0"s, limits), decode_error::header_too_long);
  // Known as soon as the 11th byte arrives, without waiting for the LF.
  EXPECT_EQ(error_of("SEND\n12345678901"s, limits), decode_error::header_too_long);
  EXPECT_EQ(error_of("SUBSCRIBE\n\n\0"s, {.max_line_bytes = 8, .max_headers = 64, .max_frame_bytes = 1024}),
            decode_error::header_too_long);
}

TEST(StompCodec, FailsWithTooManyHeadersAtOneOverTheLimit) {
  const stomp::limits limits{.max_line_bytes = 64, .max_headers = 3, .max_frame_bytes = 1024};
  EXPECT_EQ(error_of("SEND\na:1\nb:2\nc:3\n\n\0"s, limits), std::nullopt);
  EXPECT_EQ(error_of("SEND\na:1\nb:2\nc:3\nd:4\n\n\0"s, limits), decode_error::too_many_headers);
  EXPECT_EQ(error_of("SEND\na:1\na:1\na:1\na:1\n\n\0"s, limits), decode_error::too_many_headers);
}

TEST(StompCodec, FailsWithFrameTooLargeAtOneByteOverTheLimit) {
  const std::string frame = "SEND\n\n" + std::string(10, 'x') + "\0"s;  // 17 bytes on the wire
  EXPECT_EQ(error_of(frame, {.max_line_bytes = 64, .max_headers = 64, .max_frame_bytes = 17}), std::nullopt);
  EXPECT_EQ(error_of(frame, {.max_line_bytes = 64, .max_headers = 64, .max_frame_bytes = 16}),
            decode_error::frame_too_large);
  // Without a NUL in sight it fails once the limit is passed instead of buffering forever.
  EXPECT_EQ(
      error_of("SEND\n\n" + std::string(100, 'x'), {.max_line_bytes = 64, .max_headers = 64, .max_frame_bytes = 50}),
      decode_error::frame_too_large);
  // With content-length the size is known at the blank line: this frame is 25 bytes on the wire.
  EXPECT_EQ(
      error_of("SEND\ncontent-length:1\n\nx\0"s, {.max_line_bytes = 64, .max_headers = 64, .max_frame_bytes = 25}),
      std::nullopt);
  EXPECT_EQ(error_of("SEND\ncontent-length:1\n\n"s, {.max_line_bytes = 64, .max_headers = 64, .max_frame_bytes = 24}),
            decode_error::frame_too_large);
  // Headers count towards the frame too.
  EXPECT_EQ(error_of("SEND\n" + std::string(40, 'h') + ":v\n",
                     {.max_line_bytes = 64, .max_headers = 64, .max_frame_bytes = 30}),
            decode_error::frame_too_large);
}

TEST(StompCodec, AppliesDefaultLimitsOf8KiBLines64HeadersAnd64KiBFrames) {
  const stomp::limits defaults;
  EXPECT_EQ(defaults.max_line_bytes, 8U * 1024);
  EXPECT_EQ(defaults.max_headers, 64U);
  EXPECT_EQ(defaults.max_frame_bytes, 64U * 1024);
  EXPECT_EQ(error_of("SEND\nx:" + std::string(9000, 'v') + "\n\n\0"s), decode_error::header_too_long);
  EXPECT_EQ(error_of("SEND\n\n" + std::string(70000, 'b') + "\0"s), decode_error::frame_too_large);
}

TEST(StompCodec, StaysFailedAfterAnError) {
  stomp::decoder decoder;
  decoder.feed("BOGUS\n\n\0SEND\n\nok\0"s);
  const auto first = decoder.next();
  ASSERT_TRUE(first.has_value());
  const auto& failure = std::get<stomp::decode_failure>(*first);
  EXPECT_EQ(failure.code, decode_error::unknown_command);
  EXPECT_EQ(failure.message, "unknown command");
  EXPECT_TRUE(decoder.failed());
  EXPECT_EQ(decoder.next(), std::nullopt);
  decoder.feed("SEND\n\nok\0"s);
  EXPECT_EQ(decoder.next(), std::nullopt);
}

TEST(StompCodec, NamesTheLimitInFailureMessageWithoutEchoingInput) {
  const auto results = decode_all("SEND\nsecret-token-xyz\n\n\0"s);
  EXPECT_EQ(std::get<stomp::decode_failure>(results.back()).message, "malformed header line");
  const auto too_long =
      decode_all("SEND\n" + std::string(20, 'a'), {.max_line_bytes = 10, .max_headers = 1, .max_frame_bytes = 100});
  EXPECT_EQ(std::get<stomp::decode_failure>(too_long.back()).message, "header line too long (limit 10 bytes)");
}

TEST(StompCodec, DescribesEveryDecodeError) {
  for (const auto e : {decode_error::unknown_command, decode_error::malformed_header, decode_error::bad_escape,
                       decode_error::header_too_long, decode_error::too_many_headers, decode_error::frame_too_large,
                       decode_error::bad_content_length, decode_error::missing_nul}) {
    EXPECT_FALSE(stomp::describe(e).empty());
  }
  EXPECT_EQ(stomp::describe(decode_error::missing_nul), "frame body not terminated by NUL");
}

// --- negotiation ---------------------------------------------------------------------------------------

TEST(StompNegotiation, NegotiatesVersionOneZeroWhenAcceptVersionIsAbsent) {
  EXPECT_EQ(stomp::negotiate_version(std::nullopt), "1.0");
}

TEST(StompNegotiation, NegotiatesHighestOfferedSupportedVersion) {
  EXPECT_EQ(stomp::negotiate_version("1.0,1.1,1.2"), "1.2");
  EXPECT_EQ(stomp::negotiate_version("1.2,1.1,1.0"), "1.2");
  EXPECT_EQ(stomp::negotiate_version("1.1,1.0"), "1.1");
  EXPECT_EQ(stomp::negotiate_version("1.0"), "1.0");
  EXPECT_EQ(stomp::negotiate_version("1.0,2.0"), "1.0");
  EXPECT_EQ(stomp::negotiate_version("1.1, 1.2"), "1.2");
}

TEST(StompNegotiation, NegotiatesNoVersionWhenNoneIsSupported) {
  for (const std::string_view offer : {"", "2.0", "1.3", "1.2.1", "11", ",,,", "1,2", "v12.stomp"}) {
    EXPECT_EQ(stomp::negotiate_version(offer), std::nullopt) << offer;
  }
}

TEST(StompNegotiation, ParsesHeartBeatHeader) {
  using beat = std::pair<std::uint32_t, std::uint32_t>;
  EXPECT_EQ(stomp::parse_heart_beat("10000,10000"), (beat{10000, 10000}));
  EXPECT_EQ(stomp::parse_heart_beat("0,0"), (beat{0, 0}));
  EXPECT_EQ(stomp::parse_heart_beat("4294967295,1"), (beat{4294967295U, 1}));
}

TEST(StompNegotiation, RejectsGarbageHeartBeatHeader) {
  for (const std::string_view value : {"", ",", "1,", ",1", "1", "a,b", "1,2,3", "-1,5", "+1,2", " 1,2", "1 ,2", "1, 2",
                                       "4294967296,0", "1;2", "1.5,2"}) {
    EXPECT_EQ(stomp::parse_heart_beat(value), std::nullopt) << value;
    EXPECT_EQ(stomp::negotiate_heart_beat(value, 10000, 10000), std::nullopt) << value;
  }
}

TEST(StompNegotiation, NegotiatesHeartBeatAsLargerIntervalOrOffWhenEitherSideIsZero) {
  using intervals = stomp::heart_beat_intervals;
  // The daengtionary original answers 0,0: nothing is sent or checked in either direction.
  EXPECT_EQ(stomp::negotiate_heart_beat("10000,10000", 0, 0), (intervals{0, 0}));
  EXPECT_EQ(stomp::negotiate_heart_beat("10000,10000", 10000, 10000), (intervals{10000, 10000}));
  // Server can send every 5 s, client wants 10 s: send every 10 s. Client sends every 10 s, server wants 20 s.
  EXPECT_EQ(stomp::negotiate_heart_beat("10000,10000", 5000, 20000), (intervals{10000, 20000}));
  // Client cannot send: nothing expected. Client does not want pings: none sent.
  EXPECT_EQ(stomp::negotiate_heart_beat("0,10000", 10000, 10000), (intervals{10000, 0}));
  EXPECT_EQ(stomp::negotiate_heart_beat("10000,0", 10000, 10000), (intervals{0, 10000}));
  EXPECT_EQ(stomp::negotiate_heart_beat("0,0", 10000, 10000), (intervals{0, 0}));
  EXPECT_EQ(stomp::negotiate_heart_beat("3000,25000", 10000, 1000), (intervals{25000, 3000}));
}

}  // namespace
