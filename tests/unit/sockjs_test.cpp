// Unit tests for the sans-I/O SockJS layer, with expectations taken from sockjs-protocol 0.3.3.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "platform/sockjs/cookie.hpp"
#include "platform/sockjs/frames.hpp"
#include "platform/sockjs/incoming.hpp"
#include "platform/sockjs/info.hpp"
#include "platform/sockjs/streaming.hpp"
#include "platform/sockjs/url.hpp"

namespace sockjs = platform::sockjs;

namespace {

std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string escaped(char32_t c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
  return buffer;
}

std::string frame_of(std::vector<std::string> messages) { return sockjs::message_frame(messages); }

std::vector<std::string> messages_of(const sockjs::decoded_messages& decoded) {
  const auto* messages = std::get_if<std::vector<std::string>>(&decoded);
  EXPECT_NE(messages, nullptr) << "decode failed with " << sockjs::describe(std::get<sockjs::decode_error>(decoded));
  return messages == nullptr ? std::vector<std::string>{} : *messages;
}

std::optional<sockjs::decode_error> error_of(const sockjs::decoded_messages& decoded) {
  if (const auto* error = std::get_if<sockjs::decode_error>(&decoded)) return *error;
  return std::nullopt;
}

using strings = std::vector<std::string>;

// sockjs-protocol 0.3.3 `escapable_by_server`, which its test_xhr_server_encodes checks for 255..65535.
bool escapable_by_server(char32_t c) {
  return c <= 0x1F || (c >= 0x200C && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x2060 && c <= 0x206F) ||
         (c >= 0xFFF0 && c <= 0xFFFF);
}

bool is_surrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

}  // namespace

// ---- frames ----

TEST(SockjsFrames, WritesOpenAndHeartbeatFramesAsSingleLetters) {
  EXPECT_EQ(sockjs::open_frame(), "o");
  EXPECT_EQ(sockjs::heartbeat_frame(), "h");
}

TEST(SockjsFrames, WritesMessageFrameAsJsonArrayOfStrings) {
  EXPECT_EQ(frame_of({"a"}), R"(a["a"])");
  EXPECT_EQ(frame_of({"a", "b", ""}), R"(a["a","b",""])");
  EXPECT_EQ(frame_of({}), "a[]");
}

TEST(SockjsFrames, EscapesQuoteAndBackslashInMessageFrame) {
  EXPECT_EQ(frame_of({R"(say "hi" \o/)"}), R"(a["say \"hi\" \\o/"])");
}

TEST(SockjsFrames, EscapesControlCharactersLikeJsonStringify) {
  EXPECT_EQ(frame_of({"\b\f\n\r\t"}), R"(a["\b\f\n\r\t"])");
  EXPECT_EQ(frame_of({std::string("\0\x01\x1f", 3)}), R"(a["\u0000\u0001\u001f"])");
  // STOMP frames end in NUL; this is the byte every chat frame carries.
  EXPECT_EQ(frame_of({std::string("SEND\n\nx\0", 8)}), R"(a["SEND\n\nx\u0000"])");
}

TEST(SockjsFrames, KeepsDeleteAndPrintableAsciiVerbatim) { EXPECT_EQ(frame_of({"\x7f ~/<>&'"}), "a[\"\x7f ~/<>&'\"]"); }

TEST(SockjsFrames, EscapesLineAndParagraphSeparators) {
  EXPECT_EQ(frame_of({utf8(0x2028) + "x" + utf8(0x2029)}), R"(a["\u2028x\u2029"])");
}

TEST(SockjsFrames, EscapesExactlyTheServerEscapableSetOfTheProtocolSuite) {
  // test_xhr_server_encodes: the echoed string must be exactly the \uXXXX form of these characters.
  std::string raw;
  std::string expected = "\"";
  for (char32_t c = 255; c < 0x10000; ++c) {
    if (is_surrogate(c) || !escapable_by_server(c)) continue;
    raw += utf8(c);
    expected += escaped(c);
  }
  expected += '"';
  EXPECT_EQ(frame_of({raw}), "a[" + expected + "]");
}

TEST(SockjsFrames, KeepsEveryOtherCharacterVerbatim) {
  for (char32_t c = 0x20; c < 0x110000; ++c) {
    if (is_surrogate(c) || escapable_by_server(c) || c == '"' || c == '\\') continue;
    const std::string text = utf8(c);
    ASSERT_EQ(frame_of({text}), "a[\"" + text + "\"]") << "U+" << std::hex << static_cast<std::uint32_t>(c);
  }
}

TEST(SockjsFrames, KeepsKoreanAndEmojiVerbatim) {
  const std::string text = "안녕하세요 댕댕이 ㅋㅋ 🐶";
  EXPECT_EQ(frame_of({text}), "a[\"" + text + "\"]");
}

TEST(SockjsFrames, ReplacesInvalidUtf8BytesWithEscapedReplacementCharacter) {
  EXPECT_EQ(frame_of({"a\xff"
                      "b"}),
            R"(a["a\ufffdb"])");
  EXPECT_EQ(frame_of({"\xea\xb0"}), R"(a["\ufffd\ufffd"])");                      // truncated 가
  EXPECT_EQ(frame_of({"\xc0\x80"}), R"(a["\ufffd\ufffd"])");                      // overlong NUL
  EXPECT_EQ(frame_of({"\xed\xa0\x80"}), R"(a["\ufffd\ufffd\ufffd"])");            // UTF-8 encoded surrogate
  EXPECT_EQ(frame_of({"\xf4\x90\x80\x80"}), R"(a["\ufffd\ufffd\ufffd\ufffd"])");  // above U+10FFFF
  EXPECT_EQ(frame_of({"\x80" + utf8(0xAC00)}), "a[\"\\ufffd" + utf8(0xAC00) + "\"]");
}

TEST(SockjsFrames, WritesCloseFrameWithCodeAndQuotedReason) {
  EXPECT_EQ(sockjs::close_frame(3000, "Go away!"), R"(c[3000,"Go away!"])");
  EXPECT_EQ(sockjs::close_frame(sockjs::go_away), R"(c[3000,"Go away!"])");
  EXPECT_EQ(sockjs::close_frame(sockjs::another_connection_open), R"(c[2010,"Another connection still open"])");
  EXPECT_EQ(sockjs::close_frame(sockjs::connection_interrupted), R"(c[1002,"Connection interrupted"])");
  EXPECT_EQ(sockjs::close_frame(4000, "a \"b\"\n"), R"(c[4000,"a \"b\"\n"])");
}

// ---- incoming ----

TEST(SockjsIncoming, DecodesXhrSendArrayOfStrings) {
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send(R"(["a","b"])")), (strings{"a", "b"}));
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send("[]")), strings{});
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send(" [ \"a\" ]\n")), strings{"a"});
}

TEST(SockjsIncoming, DecodesEscapesInMessages) {
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send(R"(["\"\\\/\b\f\n\r\t\u0000"])")),
            strings{std::string("\"\\/\b\f\n\r\t\0", 9)});
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send(R"(["\uac00\ud83d\udc36"])")), strings{"가🐶"});
}

TEST(SockjsIncoming, DecodesEveryBmpCharacterTheClientMayEscape) {
  // test_xhr_server_decodes: sockjs-client sends some characters as \uXXXX; any of them must decode.
  std::string body = "[\"";
  std::string expected;
  for (char32_t c = 0; c < 0x10000; ++c) {
    if (is_surrogate(c)) continue;
    body += escaped(c);
    expected += utf8(c);
  }
  body += "\"]";
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send(body, body.size())), strings{expected});
}

TEST(SockjsIncoming, RejectsEmptyXhrSendBodyAsPayloadExpected) {
  EXPECT_EQ(error_of(sockjs::decode_xhr_send("")), sockjs::decode_error::payload_expected);
}

TEST(SockjsIncoming, RejectsMalformedJsonAsBrokenJson) {
  for (const char* body : {"[", R"(["a")", R"(["x)", R"(["a",])", "]", "x", " ", R"(["a"]x)", R"(["a"]["b"])",
                           R"(['a'])", R"(["\x"])", "[\"a\nb\"]", "\xef\xbb\xbf[\"a\"]"}) {
    EXPECT_EQ(error_of(sockjs::decode_xhr_send(body)), sockjs::decode_error::broken_json) << body;
    EXPECT_EQ(error_of(sockjs::decode_websocket(body)), sockjs::decode_error::broken_json) << body;
  }
}

TEST(SockjsIncoming, RejectsInvalidUnicodeInMessagesAsBrokenJson) {
  for (const char* body :
       {"[\"\xff\"]", "[\"\xea\xb0\"]", "[\"\xed\xa0\x80\"]", R"(["\ud800"])", R"(["\udc36"])", R"(["\ud83dx"])"}) {
    EXPECT_EQ(error_of(sockjs::decode_xhr_send(body)), sockjs::decode_error::broken_json) << body;
  }
}

TEST(SockjsIncoming, RejectsValidJsonThatIsNotAnArrayOfStringsAsPayloadExpected) {
  for (const char* body :
       {"[1]", R"(["a",1])", R"([["a"]])", R"([null])", R"({"a":1})", "null", "1", "true", R"("a")"}) {
    EXPECT_EQ(error_of(sockjs::decode_xhr_send(body)), sockjs::decode_error::payload_expected) << body;
  }
}

TEST(SockjsIncoming, DecodesWebsocketArrayOrSingleString) {
  EXPECT_EQ(messages_of(sockjs::decode_websocket(R"(["a"])")), strings{"a"});
  EXPECT_EQ(messages_of(sockjs::decode_websocket(R"(["a","b"])")), (strings{"a", "b"}));
  EXPECT_EQ(messages_of(sockjs::decode_websocket(R"("a")")), strings{"a"});
  EXPECT_EQ(error_of(sockjs::decode_websocket(R"({"a":1})")), sockjs::decode_error::payload_expected);
  EXPECT_EQ(error_of(sockjs::decode_websocket("null")), sockjs::decode_error::payload_expected);
}

TEST(SockjsIncoming, IgnoresEmptyWebsocketMessage) { EXPECT_EQ(messages_of(sockjs::decode_websocket("")), strings{}); }

TEST(SockjsIncoming, RejectsBodyOverTheLimitBeforeParsing) {
  const std::string body = "[\"" + std::string(sockjs::default_max_body_bytes - 4, 'x') + "\"]";
  ASSERT_EQ(body.size(), sockjs::default_max_body_bytes);
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send(body)).at(0).size(), body.size() - 4);
  EXPECT_EQ(error_of(sockjs::decode_xhr_send(body + " ")), sockjs::decode_error::too_large);
  EXPECT_EQ(error_of(sockjs::decode_websocket(body + " ")), sockjs::decode_error::too_large);
  EXPECT_EQ(error_of(sockjs::decode_xhr_send("[\"abc\"]", 6)), sockjs::decode_error::too_large);
  // Broken JSON over the limit is still "too large": the body is never looked at.
  EXPECT_EQ(error_of(sockjs::decode_xhr_send(std::string(100, '['), 10)), sockjs::decode_error::too_large);
}

TEST(SockjsIncoming, RejectsDeepNestingWithoutRecursingForever) {
  const std::string body = std::string(10000, '[') + std::string(10000, ']');
  EXPECT_TRUE(error_of(sockjs::decode_xhr_send(body)).has_value());
}

TEST(SockjsIncoming, DescribesErrorsWithTheProtocolTexts) {
  EXPECT_EQ(sockjs::describe(sockjs::decode_error::payload_expected), "Payload expected.");
  EXPECT_EQ(sockjs::describe(sockjs::decode_error::broken_json), "Broken JSON encoding.");
  EXPECT_EQ(sockjs::describe(sockjs::decode_error::too_large), "Payload too large.");
}

TEST(SockjsIncoming, DecodesWhatMessageFrameEncodes) {
  const strings messages{"CONNECT\naccept-version:1.2\n\n\0", "안녕 \"댕댕\" \\ " + utf8(0x2028) + utf8(0xFFFF), ""};
  const std::string frame = sockjs::message_frame(messages);
  ASSERT_EQ(frame.front(), 'a');
  EXPECT_EQ(messages_of(sockjs::decode_xhr_send(frame.substr(1))), messages);
}

// ---- url ----

namespace {

constexpr std::string_view prefix = "/wss/chat";

std::optional<sockjs::route> parse(std::string_view path) { return sockjs::parse_path(prefix, path); }

template <class Route>
bool is(std::string_view path) {
  const auto parsed = parse(path);
  return parsed && std::holds_alternative<Route>(*parsed);
}

sockjs::session_route session_of(std::string_view path) {
  const auto parsed = parse(path);
  EXPECT_TRUE(parsed && std::holds_alternative<sockjs::session_route>(*parsed)) << path;
  return parsed && std::holds_alternative<sockjs::session_route>(*parsed) ? std::get<sockjs::session_route>(*parsed)
                                                                          : sockjs::session_route{};
}

}  // namespace

TEST(SockjsUrl, RoutesStaticSockjsUrls) {
  EXPECT_TRUE(is<sockjs::greeting_route>("/wss/chat"));
  EXPECT_TRUE(is<sockjs::greeting_route>("/wss/chat/"));
  EXPECT_TRUE(is<sockjs::info_route>("/wss/chat/info"));
  EXPECT_TRUE(is<sockjs::raw_websocket_route>("/wss/chat/websocket"));
}

TEST(SockjsUrl, RoutesIframePageAndItsVersionedNames) {
  for (const char* path : {"/wss/chat/iframe.html", "/wss/chat/iframe-a.html", "/wss/chat/iframe-.html",
                           "/wss/chat/iframe-0.1.2.html", "/wss/chat/iframe-0.1.2abc-dirty.2144.html"}) {
    EXPECT_TRUE(is<sockjs::iframe_route>(path)) << path;
  }
  for (const char* path : {"/wss/chat/iframe.htm", "/wss/chat/iframe", "/wss/chat/IFRAME.HTML", "/wss/chat/IFRAME",
                           "/wss/chat/iframe.HTML", "/wss/chat/iframe.xml", "/wss/chat/iframe-/.html",
                           "/wss/chat/iframehtml", "/wss/chat/xiframe.html"}) {
    EXPECT_FALSE(parse(path).has_value()) << path;
  }
}

TEST(SockjsUrl, RoutesSessionUrlsOfServedTransports) {
  const auto websocket = session_of("/wss/chat/123/abcdefgh/websocket");
  EXPECT_EQ(websocket.server_id, "123");
  EXPECT_EQ(websocket.session_id, "abcdefgh");
  EXPECT_EQ(websocket.transport, sockjs::transport::websocket);
  EXPECT_EQ(session_of("/wss/chat/000/s1/xhr").transport, sockjs::transport::xhr);
  EXPECT_EQ(session_of("/wss/chat/000/s1/xhr_send").transport, sockjs::transport::xhr_send);
  EXPECT_EQ(session_of("/wss/chat/000/s1/xhr_streaming").transport, sockjs::transport::xhr_streaming);
}

TEST(SockjsUrl, AcceptsAnyDotFreeIds) {
  // test_anyValue; the HTTP layer has already percent-decoded "%20".
  for (const char* path : {"/wss/chat/a/a/xhr", "/wss/chat/_/_/xhr", "/wss/chat/1/1/xhr",
                           "/wss/chat/abcdefgh_i-j /abcdefg_i-j /xhr", "/wss/chat/abcdefgh_i-j%20/x%20/xhr"}) {
    EXPECT_EQ(session_of(path).transport, sockjs::transport::xhr) << path;
  }
  EXPECT_EQ(session_of("/wss/chat/999/a-b_c/xhr").session_id, "a-b_c");
}

TEST(SockjsUrl, MarksKnownButUnservedTransportsUnsupported) {
  for (const char* name : {"eventsource", "htmlfile", "jsonp", "jsonp_send"}) {
    EXPECT_EQ(session_of(std::string("/wss/chat/000/s1/") + name).transport, sockjs::transport::unsupported) << name;
  }
}

TEST(SockjsUrl, RejectsUnknownTransportNames) {
  for (const char* path : {"/wss/chat/000/s1/foo", "/wss/chat/000/s1/XHR", "/wss/chat/000/s1/xhr_", "/wss/chat/000/s1/",
                           "/wss/chat/000/s1/info", "/wss/chat/000/s1/iframe.html"}) {
    EXPECT_FALSE(parse(path).has_value()) << path;
  }
}

TEST(SockjsUrl, RejectsDottedOrEmptyIds) {
  // test_invalidPaths, each followed by /xhr.
  for (const char* ids : {"//", "/a./a", "/a/a.", "/./.", "/", "///", "/../..", "/a/.", "/.a/a"}) {
    EXPECT_FALSE(parse(std::string(prefix) + ids + "/xhr").has_value()) << ids;
  }
}

TEST(SockjsUrl, RejectsMissingAndExtraSegments) {
  for (const char* path : {"/wss/chat/000/xhr", "/wss/chat/000/s1", "/wss/chat/000/s1/xhr/extra",
                           "/wss/chat/000/s1/xhr/", "/wss/chat/a", "/wss/chat/a.html", "/wss/chat//", "/wss/chat///",
                           "/wss/chat/a/a", "/wss/chat/a/a/", "/wss/chat/x/000/s1/xhr"}) {
    EXPECT_FALSE(parse(path).has_value()) << path;
  }
}

TEST(SockjsUrl, RejectsTrailingSlashOnStaticUrls) {
  EXPECT_FALSE(parse("/wss/chat/info/").has_value());
  EXPECT_FALSE(parse("/wss/chat/websocket/").has_value());
  EXPECT_FALSE(parse("/wss/chat/iframe.html/").has_value());
}

TEST(SockjsUrl, RejectsPathsOutsideThePrefix) {
  for (const char* path : {"", "/", "/wss", "/wss/", "/wss/cha", "/wss/chatx/info", "/wss/chatroom", "/wss/info",
                           "/other/wss/chat/info", "wss/chat/info", "/WSS/CHAT/info"}) {
    EXPECT_FALSE(parse(path).has_value()) << path;
  }
}

TEST(SockjsUrl, RoutesUnderAnEmptyPrefix) {
  EXPECT_TRUE(sockjs::parse_path("", "/info") &&
              std::holds_alternative<sockjs::info_route>(*sockjs::parse_path("", "/info")));
  EXPECT_TRUE(sockjs::parse_path("", "") &&
              std::holds_alternative<sockjs::greeting_route>(*sockjs::parse_path("", "")));
  const auto parsed = sockjs::parse_path("", "/1/2/xhr");
  ASSERT_TRUE(parsed && std::holds_alternative<sockjs::session_route>(*parsed));
  EXPECT_EQ(std::get<sockjs::session_route>(*parsed).session_id, "2");
}

// ---- info and xhr framing ----

TEST(SockjsInfo, WritesInfoJsonWithTheKeysSockjsClientReads) {
  EXPECT_EQ(sockjs::info_json(true, false, 123),
            R"({"websocket":true,"origins":["*:*"],"cookie_needed":false,"entropy":123})");
  EXPECT_EQ(sockjs::info_json(false, true, 4294967295U),
            R"({"websocket":false,"origins":["*:*"],"cookie_needed":true,"entropy":4294967295})");
  EXPECT_EQ(sockjs::info_json(true, true, 0),
            R"({"websocket":true,"origins":["*:*"],"cookie_needed":true,"entropy":0})");
}

TEST(SockjsStreaming, WritesTwoKibibytesOfHeartbeatBeforeStreaming) {
  const std::string prelude = sockjs::xhr_streaming_prelude();
  ASSERT_EQ(prelude.size(), 2049U);
  EXPECT_EQ(prelude, std::string(2048, 'h') + "\n");
}

TEST(SockjsStreaming, TerminatesXhrFramesWithNewline) {
  EXPECT_EQ(sockjs::xhr_frame(sockjs::open_frame()), "o\n");
  EXPECT_EQ(sockjs::xhr_frame(frame_of({"x"})), "a[\"x\"]\n");
  EXPECT_EQ(sockjs::xhr_frame(sockjs::close_frame(sockjs::another_connection_open)),
            "c[2010,\"Another connection still open\"]\n");
  EXPECT_EQ(sockjs::xhr_frame(""), "\n");
}

// ---- JSESSIONID ----

TEST(SockjsCookie, SetsADummyJsessionidWhenTheRequestHasNone) {
  EXPECT_EQ(sockjs::jsessionid_cookie(""), "JSESSIONID=dummy; path=/");
  EXPECT_EQ(sockjs::jsessionid_cookie("lb=7; theme=dark"), "JSESSIONID=dummy; path=/");
  EXPECT_EQ(sockjs::jsessionid_cookie("XJSESSIONID=abc; JSESSIONIDX=def"), "JSESSIONID=dummy; path=/");
}

TEST(SockjsCookie, EchoesTheRequestsOwnJsessionid) {
  EXPECT_EQ(sockjs::jsessionid_cookie("JSESSIONID=abcdef"), "JSESSIONID=abcdef; path=/");
  EXPECT_EQ(sockjs::jsessionid_cookie("lb=7; JSESSIONID=a1.node-2 ;other=x"), "JSESSIONID=a1.node-2; path=/");
  EXPECT_EQ(sockjs::jsessionid_cookie("JSESSIONID = spaced"), "JSESSIONID=spaced; path=/");
}

TEST(SockjsCookie, NeverEchoesAValueThatIsNoPlainCookieValue) {
  for (const char* header : {"JSESSIONID=", "JSESSIONID=\"quoted\"", "JSESSIONID=a,b", "JSESSIONID=a\\b",
                             "JSESSIONID=caf\xC3\xA9", "JSESSIONID=a b", "JSESSIONID"}) {
    EXPECT_EQ(sockjs::jsessionid_cookie(header), "JSESSIONID=dummy; path=/") << header;
  }
}
