// platform::sockjs_server behind a real platform::http::server, spoken to with Beast clients: info and CORS, xhr
// polling and streaming, xhr_send errors, batching, 2010, disconnect delay, limits, WebSocket transports, the
// WebSocket-off and cookie_needed options, drain.
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "platform/sockjs/server.hpp"
#include "running_server.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace http = platform::http;
namespace sockjs = platform::sockjs;
namespace messaging = platform::messaging;
using tcp = asio::ip::tcp;
using field = http::beast_http::field;
using namespace std::chrono_literals;

constexpr auto bound = 10s;  // no condition in these tests should take nearly this long

// What the handlers saw, shared by the I/O threads and the test.
class journal {
 public:
  void opened() {
    std::lock_guard lock(mutex_);
    ++opens_;
    changed_.notify_all();
  }
  void closed() {
    std::lock_guard lock(mutex_);
    ++closes_;
    changed_.notify_all();
  }
  bool wait_for_closes(int n, std::chrono::milliseconds limit = bound) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return closes_ >= n; });
  }
  int closes() {
    std::lock_guard lock(mutex_);
    return closes_;
  }
  int opens() {
    std::lock_guard lock(mutex_);
    return opens_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int opens_ = 0;
  int closes_ = 0;
};

// Echoes each message; "burst N" sends N numbered messages at once; "close" closes with 3001 "bye". A greeting
// one sends "welcome" from on_open.
class echo_handler : public messaging::handler {
 public:
  explicit echo_handler(journal& log, bool greets = false) : log_(log), greets_(greets) {}
  void on_open(std::shared_ptr<messaging::connection> c) override {
    log_.opened();
    if (greets_) c->send("welcome");
  }
  asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> c, std::string message) override {
    if (message == "close") {
      c->close(3001, "bye");
    } else if (message.starts_with("burst ")) {
      std::size_t count = 0;
      std::from_chars(message.data() + 6, message.data() + message.size(), count);
      for (std::size_t i = 0; i < count; ++i) c->send(std::to_string(i));
    } else {
      c->send(std::move(message));
    }
    co_return;
  }
  void on_close(std::shared_ptr<messaging::connection>) override { log_.closed(); }

 private:
  journal& log_;
  bool greets_;
};

class SockjsServer : public ::testing::Test {
 protected:
  void SetUp() override {
    auto factory = [this](const sockjs::session_request&) { return std::make_shared<echo_handler>(log_); };
    sockjs::server_options options;
    options.heartbeat_interval = 300ms;
    options.disconnect_delay = 300ms;
    options.streaming_byte_limit = 4096;
    options.max_sessions = 8;
    options.queue_max_messages = 50;
    sockjs::register_endpoint(routes_, "/echo", factory, options);
    sockjs::register_endpoint(
        routes_, "/greet",
        [this](const sockjs::session_request&) { return std::make_shared<echo_handler>(log_, true); }, options);
    auto websocket_off = options;
    websocket_off.websocket_enabled = false;
    sockjs::register_endpoint(routes_, "/off", factory, websocket_off);
    auto cookie_needed = options;
    cookie_needed.cookie_needed = true;
    sockjs::register_endpoint(routes_, "/jar", factory, cookie_needed);

    server_.emplace(routes_);
  }

  void TearDown() override { server_.reset(); }

  std::string poll(const std::string& session) {
    return server_->request(http::verb::post, "/echo/000/" + session + "/xhr").body();
  }
  http::response send(const std::string& session, std::string body) {
    return server_->request(http::verb::post, "/echo/000/" + session + "/xhr_send", std::move(body));
  }

  // An xhr_streaming response read as it comes.
  struct stream {
    explicit stream(tcp::socket connected) : socket(std::move(connected)) { parser.body_limit(boost::none); }
    tcp::socket socket;
    beast::flat_buffer buffer;
    http::beast_http::response_parser<http::beast_http::string_body> parser;

    // Reads until the body (prelude included) holds `text`, or the response ends; returns the body so far.
    std::string read_until(std::string_view text) {
      while (parser.get().body().find(text) == std::string::npos && !parser.is_done()) {
        http::beast_http::read_some(socket, buffer, parser);
      }
      return parser.get().body();
    }
    std::string read_to_end() {
      while (!parser.is_done()) http::beast_http::read_some(socket, buffer, parser);
      return parser.get().body();
    }
  };

  std::unique_ptr<stream> open_stream(const std::string& session) {
    auto s = std::make_unique<stream>(server_->connect());
    test_support::write_request(s->socket, http::verb::post, "/echo/000/" + session + "/xhr_streaming", "", {});
    http::beast_http::read_header(s->socket, s->buffer, s->parser);
    return s;
  }

  journal log_;
  http::router routes_;
  std::optional<test_support::running_server> server_;  // last: stops before what its handlers use
};

const std::string prelude = std::string(2048, 'h') + "\n";

TEST_F(SockjsServer, GreetsAndAnswersInfoWithCorsForTheOrigin) {
  EXPECT_EQ(server_->request(http::verb::get, "/echo").body(), "Welcome to SockJS!\n");
  EXPECT_EQ(server_->request(http::verb::get, "/echo/").body(), "Welcome to SockJS!\n");

  const auto info = server_->request(http::verb::get, "/echo/info", "", {{field::origin, "http://localhost:3000"}});
  EXPECT_EQ(info.result(), http::status::ok);
  EXPECT_EQ(info[field::content_type], "application/json; charset=UTF-8");
  EXPECT_EQ(info[field::access_control_allow_origin], "http://localhost:3000");
  EXPECT_EQ(info[field::access_control_allow_credentials], "true");
  EXPECT_NE(info[field::cache_control].find("no-store"), std::string_view::npos);
  const auto body = boost::json::parse(info.body()).as_object();
  EXPECT_EQ(body.at("websocket"), true);
  EXPECT_EQ(body.at("cookie_needed"), false);
  EXPECT_EQ(body.at("origins"), boost::json::parse(R"(["*:*"])"));
  EXPECT_TRUE(body.at("entropy").is_number());
  EXPECT_EQ(server_->request(http::verb::get, "/echo/info")[field::access_control_allow_origin], "*");

  const auto preflight = server_->request(http::verb::options, "/echo/info", "",
                                          {{field::origin, "https://daengtionary.site"},
                                           {field::access_control_request_method, "GET"},
                                           {field::access_control_request_headers, "x-custom"}});
  EXPECT_EQ(preflight.result(), http::status::no_content);
  EXPECT_EQ(preflight[field::access_control_allow_origin], "https://daengtionary.site");
  EXPECT_EQ(preflight[field::access_control_allow_credentials], "true");
  EXPECT_EQ(preflight[field::access_control_allow_methods], "OPTIONS, GET");
  EXPECT_EQ(preflight[field::access_control_allow_headers], "x-custom");
  EXPECT_EQ(preflight[field::access_control_max_age], "31536000");
}

TEST_F(SockjsServer, PollsOpenThenDeliversQueuedMessagesInOneFrame) {
  EXPECT_EQ(poll("s1"), "o\n");
  const auto sent = send("s1", R"(["a","b\"c","댕댕"])");
  EXPECT_EQ(sent.result(), http::status::no_content);
  EXPECT_EQ(poll("s1"), "a[\"a\",\"b\\\"c\",\"댕댕\"]\n");
  EXPECT_EQ(send("s1", R"(["burst 30"])").result(), http::status::no_content);
  std::string expected = "a[";
  for (int i = 0; i < 30; ++i) expected += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  EXPECT_EQ(poll("s1"), expected + "]\n");
  EXPECT_EQ(log_.opens(), 1);
}

TEST_F(SockjsServer, AnswersAnIdlePollWithAHeartbeat) {
  EXPECT_EQ(poll("s1"), "o\n");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(poll("s1"), "h\n");
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
}

TEST_F(SockjsServer, RefusesBadXhrSends) {
  EXPECT_EQ(send("nobody", R"(["x"])").result(), http::status::not_found);
  EXPECT_EQ(poll("s1"), "o\n");
  auto res = send("s1", "");
  EXPECT_EQ(res.result(), http::status::internal_server_error);
  EXPECT_EQ(res.body(), "Payload expected.");
  res = send("s1", "[\"x");
  EXPECT_EQ(res.result(), http::status::internal_server_error);
  EXPECT_EQ(res.body(), "Broken JSON encoding.");
  res = send("s1", R"([")" + std::string(70 * 1024, 'x') + R"("])");
  EXPECT_EQ(res.result(), http::status::payload_too_large);
  EXPECT_EQ(server_->request(http::verb::post, "/echo/000/a.b/xhr").result(), http::status::not_found);
  EXPECT_EQ(server_->request(http::verb::post, "/echo/000/a.b/xhr_streaming").result(), http::status::not_found);
  EXPECT_EQ(server_->request(http::verb::post, "/echo/000/s1/eventsource").result(), http::status::not_found);
  // The session is still fine.
  EXPECT_EQ(send("s1", R"(["ok"])").result(), http::status::no_content);
  EXPECT_EQ(poll("s1"), "a[\"ok\"]\n");
}

TEST_F(SockjsServer, AnswersASecondReceiverWith2010) {
  auto first = open_stream("s1");
  EXPECT_EQ(first->read_until("o\n"), prelude + "o\n");
  EXPECT_EQ(poll("s1"), "c[2010,\"Another connection still open\"]\n");
  EXPECT_EQ(send("s1", R"(["still"])").result(), http::status::no_content);
  EXPECT_EQ(first->read_until("still"), prelude + "o\na[\"still\"]\n");
}

TEST_F(SockjsServer, ClosesASessionWithoutReceiverAfterTheDisconnectDelay) {
  EXPECT_EQ(poll("s1"), "o\n");
  ASSERT_TRUE(log_.wait_for_closes(1, 2s));
  EXPECT_EQ(poll("s1"), "c[3000,\"Go away!\"]\n");
  EXPECT_EQ(send("s1", R"(["late"])").result(), http::status::not_found);
  // After the tombstone's time the id is free again.
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(poll("s1"), "o\n");
}

TEST_F(SockjsServer, SendsTheHandlersCloseFrameAfterWhatWasQueued) {
  EXPECT_EQ(poll("s1"), "o\n");
  EXPECT_EQ(send("s1", R"(["first","close","dropped"])").result(), http::status::no_content);
  EXPECT_EQ(poll("s1"), "a[\"first\"]\nc[3001,\"bye\"]\n");
  EXPECT_TRUE(log_.wait_for_closes(1));
  EXPECT_EQ(poll("s1"), "c[3001,\"bye\"]\n");
}

TEST_F(SockjsServer, ClosesASessionWhoseQueueOverflows) {
  EXPECT_EQ(poll("s1"), "o\n");
  EXPECT_EQ(send("s1", R"(["burst 51"])").result(), http::status::no_content);  // queue_max_messages is 50
  EXPECT_EQ(poll("s1"), "c[1013,\"Send queue overflow\"]\n");
  EXPECT_TRUE(log_.wait_for_closes(1));
}

TEST_F(SockjsServer, EndsAStreamingResponseAfterItsByteLimitAndResumesOnTheNext) {
  auto first = open_stream("s1");
  first->read_until("o\n");
  EXPECT_EQ(first->parser.get()[field::content_type], "application/javascript; charset=UTF-8");
  EXPECT_EQ(first->parser.get()[field::access_control_allow_origin], "*");
  const std::string big(1000, 'x');
  for (int i = 0; i < 6; ++i) ASSERT_EQ(send("s1", "[\"" + big + "\"]").result(), http::status::no_content);
  const std::string body = first->read_to_end();  // 4096 bytes of frames end the response
  EXPECT_GE(body.size(), prelude.size() + 4096);
  EXPECT_LT(body.size(), prelude.size() + 6 * 1010);

  auto second = open_stream("s1");
  const std::string rest = second->read_until("\"]\n");
  std::size_t received = 0;
  for (const auto& part : {body, rest}) {
    for (std::size_t at = part.find(big); at != std::string::npos; at = part.find(big, at + 1)) ++received;
  }
  EXPECT_EQ(received, 6u);
  EXPECT_EQ(log_.opens(), 1);
}

TEST_F(SockjsServer, RefusesSessionsPastTheLimit) {
  for (int i = 0; i < 8; ++i) ASSERT_EQ(poll("s" + std::to_string(i)), "o\n");
  EXPECT_EQ(server_->request(http::verb::post, "/echo/000/s8/xhr").result(), http::status::service_unavailable);
}

TEST_F(SockjsServer, SpeaksFramedAndRawWebSockets) {
  websocket::stream<tcp::socket> framed(server_->connect());
  framed.handshake("127.0.0.1", "/echo/000/w1/websocket");
  beast::flat_buffer buffer;
  auto read = [&buffer](websocket::stream<tcp::socket>& ws) {
    buffer.clear();
    ws.read(buffer);
    return beast::buffers_to_string(buffer.data());
  };
  EXPECT_EQ(read(framed), "o");
  framed.write(asio::buffer(std::string(R"(["hi","there"])")));
  EXPECT_EQ(read(framed), "a[\"hi\"]");
  EXPECT_EQ(read(framed), "a[\"there\"]");
  EXPECT_EQ(read(framed), "h");  // heartbeat_interval is 300 ms
  framed.write(asio::buffer(std::string(R"(["close"])")));
  EXPECT_EQ(read(framed), "c[3001,\"bye\"]");
  beast::error_code ec;
  while (!ec) {
    buffer.clear();
    framed.read(buffer, ec);
  }
  EXPECT_EQ(framed.reason().code, 3001);
  EXPECT_TRUE(log_.wait_for_closes(1));

  websocket::stream<tcp::socket> raw(server_->connect());
  raw.handshake("127.0.0.1", "/echo/websocket");
  raw.write(asio::buffer(std::string("plain")));
  EXPECT_EQ(read(raw), "plain");
}

TEST_F(SockjsServer, GreetsOnlyAtThePrefixItself) {
  EXPECT_EQ(server_->request(http::verb::get, "/echo/?t=1").result(), http::status::ok);
  EXPECT_EQ(server_->request(http::verb::get, "/echo//").result(), http::status::not_found);
}

TEST_F(SockjsServer, AnswersMethodsItDoesNotDefineWith405ButForbiddenIdsWith404) {
  for (const char* transport : {"xhr", "xhr_send", "xhr_streaming"}) {
    const auto wrong = server_->request(http::verb::get, std::string("/echo/000/s1/") + transport);
    EXPECT_EQ(wrong.result(), http::status::method_not_allowed) << transport;
    EXPECT_EQ(wrong[field::allow], "OPTIONS, POST") << transport;
    EXPECT_EQ(wrong.count(field::content_type), 0u) << transport;
    EXPECT_EQ(wrong.body(), "") << transport;
    for (const char* ids : {"/a./a/", "/a/a./", "/././"}) {
      const auto target = std::string("/echo") + ids + transport;
      EXPECT_EQ(server_->request(http::verb::get, target).result(), http::status::not_found) << target;
    }
  }
  for (const char* target : {"/echo/000/w1/websocket", "/echo/websocket"}) {
    const auto wrong = server_->request(http::verb::post, target);
    EXPECT_EQ(wrong.result(), http::status::method_not_allowed) << target;
    EXPECT_EQ(wrong[field::allow], "GET") << target;
    EXPECT_EQ(wrong.body(), "") << target;
  }
  EXPECT_EQ(server_->request(http::verb::get, "/echo/000/w1/websocket").result(), http::status::bad_request);
  EXPECT_EQ(server_->request(http::verb::post, "/off/000/w1/websocket").result(), http::status::not_found);
}

TEST_F(SockjsServer, EchoesOriginNullAndGivesPreflightsAnExpiryAYearAhead) {
  const auto info = server_->request(http::verb::get, "/echo/info", "", {{field::origin, "null"}});
  EXPECT_EQ(info[field::access_control_allow_origin], "null");
  EXPECT_EQ(info[field::access_control_allow_credentials], "true");

  const auto preflight = server_->request(http::verb::options, "/echo/000/s1/xhr", "",
                                          {{field::origin, "null"}, {field::access_control_request_method, "POST"}});
  EXPECT_EQ(preflight[field::access_control_allow_origin], "null");
  // IMF-fixdate, e.g. "Mon, 06 Dec 2027 13:35:24 GMT", in a year (give or take the test's own seconds)
  const std::string expires(preflight[field::expires]);
  ASSERT_EQ(expires.size(), 29u) << expires;
  EXPECT_TRUE(expires.ends_with(" GMT")) << expires;
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day next_year{std::chrono::floor<std::chrono::days>(now + std::chrono::days(365))};
  EXPECT_NE(expires.find(" " + std::to_string(static_cast<int>(next_year.year())) + " "), std::string::npos) << expires;
}

TEST_F(SockjsServer, SendsTheOpenFrameAloneBeforeWhatOnOpenQueued) {
  EXPECT_EQ(server_->request(http::verb::post, "/greet/000/s1/xhr").body(), "o\n");
  EXPECT_EQ(server_->request(http::verb::post, "/greet/000/s1/xhr").body(), "a[\"welcome\"]\n");
}

TEST_F(SockjsServer, LetsTwoWebSocketsShareASessionId) {
  websocket::stream<tcp::socket> first(server_->connect());
  first.handshake("127.0.0.1", "/echo/000/same/websocket");
  websocket::stream<tcp::socket> second(server_->connect());
  second.handshake("127.0.0.1", "/echo/000/same/websocket");
  beast::flat_buffer buffer;
  auto read = [&buffer](websocket::stream<tcp::socket>& ws) {
    buffer.clear();
    ws.read(buffer);
    return beast::buffers_to_string(buffer.data());
  };
  EXPECT_EQ(read(first), "o");
  EXPECT_EQ(read(second), "o");
  second.write(asio::buffer(std::string(R"(["b"])")));
  first.write(asio::buffer(std::string(R"(["a"])")));
  EXPECT_EQ(read(first), "a[\"a\"]");
  EXPECT_EQ(read(second), "a[\"b\"]");
  // An xhr session of that id is another session.
  EXPECT_EQ(poll("same"), "o\n");
}

TEST_F(SockjsServer, WithWebSocketOffSaysSoInInfoAndAnswersBothWebSocketUrlsWith404) {
  const auto body = boost::json::parse(server_->request(http::verb::get, "/off/info").body()).as_object();
  EXPECT_EQ(body.at("websocket"), false);
  EXPECT_EQ(body.at("cookie_needed"), false);
  for (const char* target : {"/off/000/w1/websocket", "/off/websocket"}) {
    websocket::stream<tcp::socket> ws(server_->connect());
    websocket::response_type refusal;
    beast::error_code ec;
    ws.handshake(refusal, "127.0.0.1", target, ec);
    EXPECT_TRUE(ec) << target;
    EXPECT_EQ(refusal.result(), http::status::not_found) << target;
  }
  // The xhr transports stay.
  EXPECT_EQ(server_->request(http::verb::post, "/off/000/s1/xhr").body(), "o\n");
}

TEST_F(SockjsServer, WithCookieNeededSetsJsessionidOnEveryXhrTransportResponse) {
  const auto info = server_->request(http::verb::get, "/jar/info");
  EXPECT_EQ(boost::json::parse(info.body()).as_object().at("cookie_needed"), true);
  EXPECT_EQ(info.count(field::set_cookie), 0u);

  const auto opened = server_->request(http::verb::post, "/jar/000/s1/xhr");
  EXPECT_EQ(opened.body(), "o\n");
  EXPECT_EQ(opened[field::set_cookie], "JSESSIONID=dummy; path=/");
  const auto sent = server_->request(http::verb::post, "/jar/000/s1/xhr_send", R"(["x"])",
                                     {{field::cookie, "lb=1; JSESSIONID=abcdef"}});
  EXPECT_EQ(sent.result(), http::status::no_content);
  EXPECT_EQ(sent[field::set_cookie], "JSESSIONID=abcdef; path=/");
  const auto refused = server_->request(http::verb::post, "/jar/000/nobody/xhr_send", R"(["x"])");
  EXPECT_EQ(refused.result(), http::status::not_found);
  EXPECT_EQ(refused[field::set_cookie], "JSESSIONID=dummy; path=/");

  stream streaming(server_->connect());
  test_support::write_request(streaming.socket, http::verb::post, "/jar/000/s2/xhr_streaming", "",
                              {{field::cookie, "JSESSIONID=node7"}});
  http::beast_http::read_header(streaming.socket, streaming.buffer, streaming.parser);
  EXPECT_EQ(streaming.parser.get()[field::set_cookie], "JSESSIONID=node7; path=/");

  // Off by default.
  EXPECT_EQ(server_->request(http::verb::post, "/echo/000/s1/xhr").count(field::set_cookie), 0u);
}

TEST_F(SockjsServer, DrainClosesSessionsWithGoingAway) {
  auto streaming = open_stream("s1");
  streaming->read_until("o\n");
  EXPECT_EQ(poll("s2"), "o\n");  // no receiver attached when the drain starts
  websocket::stream<tcp::socket> framed(server_->connect());
  framed.handshake("127.0.0.1", "/echo/000/w1/websocket");
  beast::flat_buffer buffer;
  framed.read(buffer);

  auto done = server_->start_drain();
  EXPECT_EQ(streaming->read_to_end(), prelude + "o\nc[1001,\"Server shutting down\"]\n");
  buffer.clear();
  framed.read(buffer);
  EXPECT_EQ(beast::buffers_to_string(buffer.data()), "c[1001,\"Server shutting down\"]");
  beast::error_code ec;
  while (!ec) framed.read(buffer, ec);  // answers the close
  EXPECT_EQ(framed.reason().code, 1001);
  ASSERT_EQ(done.wait_for(bound), std::future_status::ready);
  EXPECT_TRUE(log_.wait_for_closes(3));
}

}  // namespace
