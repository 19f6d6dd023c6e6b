// Unit tests for platform::http::http_client and platform::auth::kakao_client against a local stand-in Kakao.
#include "platform/auth/kakao.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "platform/http/client.hpp"

namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using platform::auth::kakao_client;
using platform::auth::kakao_failure;
using platform::auth::kakao_settings;
using platform::auth::kakao_user;
using platform::http::http_client;
using platform::http::max_outbound_response_size;
using platform::http::outbound_error;

struct recorded_request {
  std::string method;
  std::string target;
  std::string content_type;
  std::string authorization;
  std::string body;
};

struct canned_reply {
  canned_reply(unsigned status_code, std::string body_text, std::chrono::milliseconds delay_by = 0ms,
               bool send_chunked = false, std::vector<std::pair<std::string, std::string>> extra_headers = {})
      : status(status_code),
        body(std::move(body_text)),
        delay(delay_by),
        chunked(send_chunked),
        headers(std::move(extra_headers)) {}

  unsigned status;
  std::string body;
  std::chrono::milliseconds delay;
  bool chunked;  // no Content-Length, so the client cannot refuse a large body up front
  std::vector<std::pair<std::string, std::string>> headers;
};

// A synchronous HTTP/1.1 server on 127.0.0.1 and an ephemeral port, one connection at a time on its
// own thread. It answers each path with a canned reply (404 otherwise) and records every request.
class stand_in_server {
 public:
  stand_in_server() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this] { run(); });
  }

  stand_in_server(const stand_in_server&) = delete;
  stand_in_server& operator=(const stand_in_server&) = delete;

  ~stand_in_server() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    // Unblocks the accept() the server thread may be waiting in.
    boost::system::error_code ignored;
    tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }

  void on(const std::string& path, canned_reply reply) {
    const std::lock_guard lock(mutex_);
    replies_.insert_or_assign(path, std::move(reply));
  }

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path;
  }

  std::vector<recorded_request> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void run() {
    for (;;) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      {
        const std::lock_guard lock(mutex_);
        if (stopping_) {
          return;
        }
      }
      if (!ec) {
        serve(socket);
      }
    }
  }

  void serve(tcp::socket& socket) {
    namespace http = beast::http;
    boost::system::error_code ec;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::read(socket, buffer, request, ec);
    if (ec) {
      return;  // the client gave up before sending a whole request
    }

    canned_reply reply{404, R"({"msg":"no route"})"};
    {
      std::unique_lock lock(mutex_);
      requests_.push_back({std::string(request.method_string()), std::string(request.target()),
                           std::string(request[http::field::content_type]),
                           std::string(request[http::field::authorization]), request.body()});
      const std::string path(request.target().substr(0, request.target().find('?')));
      if (const auto found = replies_.find(path); found != replies_.end()) {
        reply = found->second;
      }
      // Interruptible, so that a test that timed out does not wait for the whole delay at teardown.
      if (reply.delay > 0ms) {
        wake_.wait_for(lock, reply.delay, [this] { return stopping_; });
      }
    }

    http::response<http::string_body> response{static_cast<http::status>(reply.status), request.version()};
    response.set(http::field::content_type, "application/json;charset=UTF-8");
    for (const auto& [name, value] : reply.headers) {
      response.set(name, value);
    }
    response.keep_alive(false);
    response.body() = std::move(reply.body);
    if (reply.chunked) {
      response.chunked(true);
    } else {
      response.prepare_payload();
    }
    http::write(socket, response, ec);  // fails when the client gave up; nothing to do about it
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  mutable std::mutex mutex_;  // guards everything below; shared by the test thread and the server thread
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<std::string, canned_reply> replies_;
  std::vector<recorded_request> requests_;
};

// Captures what spdlog's default logger writes while alive, then restores the previous logger.
class log_capture {
 public:
  log_capture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
    spdlog::default_logger()->set_level(spdlog::level::trace);
  }
  log_capture(const log_capture&) = delete;
  log_capture& operator=(const log_capture&) = delete;
  ~log_capture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return stream_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream stream_;
};

constexpr auto token_path = "/oauth/token";
constexpr auto user_path = "/v2/user/me";
constexpr auto access_token = "tok-SECRET-123";
constexpr auto form_type = "application/x-www-form-urlencoded;charset=utf-8";

constexpr auto token_ok = R"({"token_type":"bearer","access_token":"tok-SECRET-123","expires_in":21599,)"
                          R"("refresh_token":"ref-SECRET-456","refresh_token_expires_in":5183999})";

// The shape Kakao sends when the user consented to nickname, profile image and email.
constexpr auto user_full = R"({"id":2632890492,"connected_at":"2023-01-01T00:00:00Z",
  "properties":{"nickname":"홍길동","profile_image":"http://k.kakaocdn.net/p.jpg",
                "thumbnail_image":"http://k.kakaocdn.net/t.jpg"},
  "kakao_account":{"profile_nickname_needs_agreement":false,
    "profile":{"nickname":"홍길동","profile_image_url":"http://k.kakaocdn.net/p.jpg","is_default_image":false},
    "has_email":true,"email_needs_agreement":false,"is_email_valid":true,"is_email_verified":true,
    "email":"hong@kakao.com"}})";

kakao_settings settings_for(const stand_in_server& server) {
  kakao_settings settings;
  settings.client_id = "test-client";
  settings.redirect_uri = "https://daengtionary.site/kakao/callback";
  settings.token_url = server.url(token_path);
  settings.user_info_url = server.url(user_path);
  return settings;
}

kakao_user expect_user(const std::variant<kakao_user, kakao_failure>& result) {
  if (const auto* failure = std::get_if<kakao_failure>(&result)) {
    ADD_FAILURE() << "expected a user, got failure " << static_cast<int>(*failure);
    return {};
  }
  return std::get<kakao_user>(result);
}

void expect_failure(const std::variant<kakao_user, kakao_failure>& result, kakao_failure expected) {
  ASSERT_TRUE(std::holds_alternative<kakao_failure>(result)) << "expected a failure, got a user";
  EXPECT_EQ(std::get<kakao_failure>(result), expected);
}

// --- kakao_client -----------------------------------------------------------------------------

TEST(KakaoClient, SignsInWithEmailWhenUserConsented) {
  stand_in_server server;
  server.on(token_path, {200, token_ok});
  server.on(user_path, {200, user_full});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  const auto user = expect_user(kakao.sign_in("code-ABC_123"));
  EXPECT_EQ(user.id, 2632890492);
  EXPECT_EQ(user.nickname, "홍길동");
  EXPECT_EQ(user.email, "hong@kakao.com");
  EXPECT_TRUE(user.email_verified);
  EXPECT_EQ(user.profile_image, "http://k.kakaocdn.net/p.jpg");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, token_path);
  EXPECT_EQ(requests[0].content_type, form_type);
  EXPECT_EQ(requests[0].authorization, "");
  EXPECT_EQ(requests[0].body,
            "grant_type=authorization_code&client_id=test-client"
            "&redirect_uri=https%3A%2F%2Fdaengtionary.site%2Fkakao%2Fcallback&code=code-ABC_123");
  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(requests[1].target, user_path);
  EXPECT_EQ(requests[1].authorization, std::string("Bearer ") + access_token);
  EXPECT_EQ(requests[1].content_type, form_type);
  EXPECT_EQ(requests[1].body, "");
}

TEST(KakaoClient, SendsClientSecretOnlyWhenConfigured) {
  stand_in_server server;
  server.on(token_path, {200, token_ok});
  server.on(user_path, {200, user_full});
  const http_client http(2s);
  auto settings = settings_for(server);
  settings.client_secret = "s3cr&t";
  const kakao_client kakao(settings, http);

  expect_user(kakao.sign_in("c"));
  const auto requests = server.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests[0].body,
            "grant_type=authorization_code&client_id=test-client"
            "&redirect_uri=https%3A%2F%2Fdaengtionary.site%2Fkakao%2Fcallback&code=c&client_secret=s3cr%26t");
}

TEST(KakaoClient, UnlinksWithTheAdminKeyAndTreatsNotLinkedAsDone) {
  stand_in_server server;
  server.on("/v1/user/unlink", {200, R"({"id":2632890492})"});
  const http_client http(2s);
  auto settings = settings_for(server);
  settings.admin_key = "admin-KEY";
  settings.unlink_url = server.url("/v1/user/unlink");
  const kakao_client kakao(settings, http);

  EXPECT_TRUE(kakao.unlink(2632890492));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/v1/user/unlink");
  EXPECT_EQ(requests[0].authorization, "KakaoAK admin-KEY");
  EXPECT_EQ(requests[0].content_type, form_type);
  EXPECT_EQ(requests[0].body, "target_id_type=user_id&target_id=2632890492");

  // A retry whose first answer was lost: Kakao says the user is not linked (-101), which is what we wanted.
  server.on("/v1/user/unlink", {400, R"({"msg":"NotRegisteredUserException","code":-101})"});
  EXPECT_TRUE(kakao.unlink(2632890492));
  for (const unsigned status : {500U, 401U}) {
    server.on("/v1/user/unlink", {status, R"({"msg":"no","code":-1})"});
    EXPECT_FALSE(kakao.unlink(2632890492)) << status;
  }
}

TEST(KakaoClient, DoesNotUnlinkWithoutAnAdminKey) {
  stand_in_server server;
  server.on("/v1/user/unlink", {200, R"({"id":1})"});
  const http_client http(2s);
  auto settings = settings_for(server);
  settings.unlink_url = server.url("/v1/user/unlink");
  const kakao_client kakao(settings, http);
  EXPECT_FALSE(kakao.unlink(1));
  EXPECT_TRUE(server.requests().empty());
}

TEST(KakaoClient, SignsInWithoutEmailWhenUserDidNotConsent) {
  stand_in_server server;
  server.on(token_path, {200, token_ok});
  server.on(user_path, {200, R"({"id":42,"properties":{"nickname":"댕댕"},
      "kakao_account":{"has_email":true,"email_needs_agreement":true,"profile":{"nickname":"댕댕"}}})"});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  const auto user = expect_user(kakao.sign_in("c"));
  EXPECT_EQ(user.id, 42);
  EXPECT_EQ(user.nickname, "댕댕");
  EXPECT_EQ(user.email, std::nullopt);
  EXPECT_FALSE(user.email_verified);
  EXPECT_EQ(user.profile_image, std::nullopt);
}

TEST(KakaoClient, FallsBackToAccountProfileWhenPropertiesLackNickname) {
  stand_in_server server;
  server.on(token_path, {200, token_ok});
  server.on(user_path, {200, R"({"id":7,"properties":{"nickname":""},
      "kakao_account":{"profile":{"nickname":"뽀독","profile_image_url":"https://k.kakaocdn.net/q.jpg"},
                       "email":"a@b.c","is_email_verified":false}})"});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  const auto user = expect_user(kakao.sign_in("c"));
  EXPECT_EQ(user.nickname, "뽀독");
  EXPECT_EQ(user.profile_image, "https://k.kakaocdn.net/q.jpg");
  EXPECT_EQ(user.email, "a@b.c");
  EXPECT_FALSE(user.email_verified);
}

TEST(KakaoClient, UsesDefaultNicknameWhenKakaoGivesNone) {
  stand_in_server server;
  server.on(token_path, {200, token_ok});
  server.on(user_path, {200, R"({"id":7,"kakao_account":{"profile_nickname_needs_agreement":true}})"});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  EXPECT_EQ(expect_user(kakao.sign_in("c")).nickname, "카카오사용자");
}

TEST(KakaoClient, IgnoresWrongTypesInOptionalFieldsWhenIdIsValid) {
  stand_in_server server;
  server.on(token_path, {200, token_ok});
  server.on(user_path, {200, R"({"id":9,"properties":["x"],"kakao_account":{"email":5,"is_email_verified":"true",
      "profile":{"nickname":null,"profile_image_url":{}}}})"});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  const auto user = expect_user(kakao.sign_in("c"));
  EXPECT_EQ(user.id, 9);
  EXPECT_EQ(user.nickname, "카카오사용자");
  EXPECT_EQ(user.email, std::nullopt);
  EXPECT_FALSE(user.email_verified);
  EXPECT_EQ(user.profile_image, std::nullopt);
}

TEST(KakaoClient, RejectsWhenTokenEndpointAnswers400) {
  stand_in_server server;
  server.on(token_path, {400, R"({"error":"invalid_grant","error_description":"authorization code not found for )"
                              R"(code=c","error_code":"KOE320"})"});
  server.on(user_path, {200, user_full});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  expect_failure(kakao.sign_in("c"), kakao_failure::rejected);
  EXPECT_EQ(server.requests().size(), 1U) << "user-info must not be called without a token";
}

TEST(KakaoClient, RejectsWhenTokenEndpointAnswers401) {
  stand_in_server server;
  server.on(token_path, {401, R"({"error":"invalid_client","error_code":"KOE010"})"});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  expect_failure(kakao.sign_in("c"), kakao_failure::rejected);
}

TEST(KakaoClient, RejectsEmptyCodeWithoutCallingKakao) {
  stand_in_server server;
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  expect_failure(kakao.sign_in(""), kakao_failure::rejected);
  expect_failure(kakao.sign_in(std::string(2000, 'a')), kakao_failure::rejected);
  EXPECT_TRUE(server.requests().empty());
}

TEST(KakaoClient, IsUnavailableWhenTokenEndpointAnswers500) {
  stand_in_server server;
  server.on(token_path, {500, R"({"msg":"internal"})"});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  expect_failure(kakao.sign_in("c"), kakao_failure::unavailable);
}

TEST(KakaoClient, IsUnavailableWhenTokenEndpointRedirects) {
  stand_in_server server;
  server.on(token_path, {302, "", 0ms, false, {{"Location", server.url(user_path)}}});
  server.on(user_path, {200, token_ok});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  expect_failure(kakao.sign_in("c"), kakao_failure::unavailable);
  EXPECT_EQ(server.requests().size(), 1U);
}

TEST(KakaoClient, IsUnavailableWhenTokenBodyIsGarbage) {
  for (const std::string body :
       {"<html>bad gateway</html>", "", "[]", "{}", R"({"access_token":12})", R"({"access_token":""})",
        R"({"access_token":"a b\r\nX-Evil: 1"})", R"({"access_token":"tok")"}) {
    stand_in_server server;
    server.on(token_path, {200, body});
    server.on(user_path, {200, user_full});
    const http_client http(2s);
    const kakao_client kakao(settings_for(server), http);

    expect_failure(kakao.sign_in("c"), kakao_failure::unavailable);
    EXPECT_EQ(server.requests().size(), 1U) << body;
  }
}

TEST(KakaoClient, RejectsWhenUserInfoAnswers401) {
  stand_in_server server;
  server.on(token_path, {200, token_ok});
  server.on(user_path, {401, R"({"msg":"this access token does not exist","code":-401})"});
  const http_client http(2s);
  const kakao_client kakao(settings_for(server), http);

  expect_failure(kakao.sign_in("c"), kakao_failure::rejected);
}

TEST(KakaoClient, IsUnavailableWhenUserInfoFailsOrIsUnreadable) {
  const std::vector<canned_reply> replies{
      {500, R"({"msg":"internal"})"},
      {403, R"({"msg":"insufficient scopes","code":-402})"},
      {200, "not json"},
      {200, R"({"properties":{"nickname":"no id"}})"},
      {200, R"({"id":"2632890492"})"},
      {200, R"({"id":1.5})"},
      {200, R"({"id":-3})"},
      {200, R"({"id":0})"},
      {200, R"({"id":18446744073709551615})"},
      {200, R"([{"id":1}])"},
  };
  for (const auto& reply : replies) {
    stand_in_server server;
    server.on(token_path, {200, token_ok});
    server.on(user_path, reply);
    const http_client http(2s);
    const kakao_client kakao(settings_for(server), http);

    expect_failure(kakao.sign_in("c"), kakao_failure::unavailable);
  }
}

TEST(KakaoClient, IsUnavailableWhenKakaoIsUnreachable) {
  kakao_settings settings;
  {
    // A port that was just free: nothing listens on it any more.
    stand_in_server gone;
    settings = settings_for(gone);
  }
  const http_client http(2s);
  const kakao_client kakao(settings, http);

  expect_failure(kakao.sign_in("c"), kakao_failure::unavailable);
}

TEST(KakaoClient, IsUnavailableWhenKakaoIsSlowerThanTimeout) {
  stand_in_server server;
  server.on(token_path, {200, token_ok, 10s});
  const http_client http(300ms);
  const kakao_client kakao(settings_for(server), http);

  const auto started = std::chrono::steady_clock::now();
  expect_failure(kakao.sign_in("c"), kakao_failure::unavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST(KakaoClient, IsUnavailableWhenBodyIsOversized) {
  for (const bool chunked : {false, true}) {
    stand_in_server server;
    server.on(token_path, {200, token_ok});
    server.on(user_path,
              {200, R"({"id":1,"pad":")" + std::string(2 * max_outbound_response_size, 'x') + R"("})", 0ms, chunked});
    const http_client http(5s);
    const kakao_client kakao(settings_for(server), http);

    expect_failure(kakao.sign_in("c"), kakao_failure::unavailable);
  }
}

TEST(KakaoClient, NeverLogsTokensCodesOrSecretsWhenSigningIn) {
  const std::string code = "CODE-do-not-log";
  log_capture capture;
  {
    stand_in_server server;
    server.on(token_path, {400, R"({"error":"invalid_grant","error_description":"authorization code not found for )"
                                R"(code=CODE-do-not-log","error_code":"KOE320"})"});
    const http_client http(2s);
    auto settings = settings_for(server);
    settings.client_secret = "secret-do-not-log";
    expect_failure(kakao_client(settings, http).sign_in(code), kakao_failure::rejected);
  }
  {
    stand_in_server server;
    server.on(token_path, {200, token_ok});
    server.on(user_path, {500, std::string(R"({"echo":")") + access_token + R"("})"});
    const http_client http(2s);
    expect_failure(kakao_client(settings_for(server), http).sign_in(code), kakao_failure::unavailable);
  }
  {
    stand_in_server server;
    server.on(token_path, {200, token_ok});
    server.on(user_path, {401, R"({"msg":"this access token does not exist","code":-401})"});
    const http_client http(2s);
    expect_failure(kakao_client(settings_for(server), http).sign_in(code), kakao_failure::rejected);
  }

  const std::string text = capture.text();
  EXPECT_NE(text.find("invalid_grant/KOE320"), std::string::npos) << text;
  EXPECT_NE(text.find("user-info answered 500"), std::string::npos) << text;
  for (const std::string& secret : {code, std::string("SECRET"), std::string("secret-do-not-log")}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << "logged " << secret << ":\n" << text;
  }
}

// --- http_client ------------------------------------------------------------------------------

TEST(HttpClient, FormEncodesKoreanAndReservedCharactersWhenPosting) {
  stand_in_server server;
  server.on("/form", {200, "ok"});
  const http_client http(2s);

  const auto response =
      http.post_form(server.url("/form"), {{"nick", "홍 길동"}, {"q", "a&b=c+d"}, {"k&=+", ""}, {"t", "~-._*"}}, {});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ok");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].content_type, form_type);
  EXPECT_EQ(requests[0].body, "nick=%ED%99%8D%20%EA%B8%B8%EB%8F%99&q=a%26b%3Dc%2Bd&k%26%3D%2B=&t=~-._%2A");
}

TEST(HttpClient, KeepsCallerContentTypeWhenHeadersNameOne) {
  stand_in_server server;
  server.on("/form", {200, "ok"});
  const http_client http(2s);

  http.post_form(server.url("/form"), {{"a", "b"}}, {{"content-type", "application/x-www-form-urlencoded"}});
  http.post_json(server.url("/form"), R"({"a":1})", {});
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[1].content_type, "application/json");
  EXPECT_EQ(requests[1].body, R"({"a":1})");
}

TEST(HttpClient, ReturnsErrorStatusesAsResponsesWhenPeerAnswers) {
  stand_in_server server;
  server.on("/down", {503, R"({"msg":"maintenance"})"});
  const http_client http(2s);

  const auto response = http.get(server.url("/down?x=1"), {{"Authorization", "KakaoAK admin"}});
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body, R"({"msg":"maintenance"})");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/down?x=1");
  EXPECT_EQ(requests[0].authorization, "KakaoAK admin");
}

TEST(HttpClient, DoesNotFollowRedirectsWhenPeerAnswers302) {
  stand_in_server server;
  server.on("/from", {302, "", 0ms, false, {{"Location", server.url("/to")}}});
  server.on("/to", {200, "followed"});
  const http_client http(2s);

  EXPECT_EQ(http.get(server.url("/from"), {{"Authorization", "Bearer x"}}).status, 302);
  EXPECT_EQ(server.requests().size(), 1U);
}

TEST(HttpClient, AcceptsBodyOfExactlyTheLimitAndThrowsWhenLarger) {
  stand_in_server server;
  server.on("/fit", {200, std::string(max_outbound_response_size, 'a')});
  server.on("/fit-chunked", {200, std::string(max_outbound_response_size, 'a'), 0ms, true});
  server.on("/big", {200, std::string(max_outbound_response_size + 1, 'a')});
  server.on("/big-chunked", {200, std::string(max_outbound_response_size + 1, 'a'), 0ms, true});
  const http_client http(5s);

  EXPECT_EQ(http.get(server.url("/fit"), {}).body.size(), max_outbound_response_size);
  EXPECT_EQ(http.get(server.url("/fit-chunked"), {}).body.size(), max_outbound_response_size);
  EXPECT_THROW(http.get(server.url("/big"), {}), outbound_error);
  EXPECT_THROW(http.get(server.url("/big-chunked"), {}), outbound_error);
}

TEST(HttpClient, ThrowsOutboundErrorWhenTimedOutOrRefused) {
  stand_in_server server;
  server.on("/slow", {200, "late", 10s});
  const http_client http(200ms);

  EXPECT_THROW(http.get(server.url("/slow"), {}), outbound_error);
  EXPECT_THROW(http.get("http://127.0.0.1:1/", {}), outbound_error);
}

TEST(HttpClient, ThrowsOutboundErrorWhenSchemeIsNeitherHttpNorHttps) {
  const http_client http(2s);
  EXPECT_THROW(http.get("file:///etc/passwd", {}), outbound_error);
  EXPECT_THROW(http.get("gopher://127.0.0.1/", {}), outbound_error);
}

TEST(HttpClient, ThrowsInvalidArgumentWhenHeaderHasLineBreak) {
  stand_in_server server;
  const http_client http(2s);
  EXPECT_THROW(http.get(server.url("/"), {{"Authorization", "Bearer x\r\nX-Injected: 1"}}), std::invalid_argument);
  EXPECT_THROW(http.post_form(server.url("/"), {}, {{"X\nY", "1"}}), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
}

TEST(HttpClient, ThrowsInvalidArgumentWhenTimeoutIsNotPositive) {
  EXPECT_THROW(http_client(0ms), std::invalid_argument);
}

}  // namespace
