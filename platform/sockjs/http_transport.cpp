// The SockJS routes served by plain HTTP requests: greeting, /info, xhr polling, xhr_streaming and xhr_send,
// with SockJS's own CORS answers (the Origin echoed with credentials, since sockjs-client sends cookies).
#include <array>
#include <chrono>
#include <random>
#include <string>
#include <utility>
#include <variant>

#include <boost/asio/co_spawn.hpp>

#include "platform/http/stream.hpp"
#include "platform/sockjs/cookie.hpp"
#include "platform/sockjs/endpoint.hpp"
#include "platform/sockjs/info.hpp"
#include "platform/sockjs/url.hpp"

namespace platform::sockjs {
namespace {

using field = http::beast_http::field;
using http::status;

constexpr std::string_view no_cache = "no-store, no-cache, no-transform, must-revalidate, max-age=0";
constexpr std::string_view frames_type = "application/javascript; charset=UTF-8";
constexpr std::string_view text_type = "text/plain; charset=UTF-8";

// `Origin: null` (a page from file://, a sandboxed frame) is echoed too: with credentials a browser refuses `*`.
void allow_origin(const http::request& req, http::response& res) {
  const std::string_view origin = req.header("Origin");
  res.set(field::access_control_allow_origin, origin.empty() ? "*" : origin);
  res.set(field::access_control_allow_credentials, "true");
}

http::response answer(const http::request& req, status code, std::string body, std::string_view type = text_type) {
  http::response res = http::text_response(code, std::move(body), type);
  res.set(field::cache_control, no_cache);
  allow_origin(req, res);
  return res;
}

// An answer on a session URL (xhr, xhr_send, xhr_streaming), refusals included: with cookie_needed it sets
// JSESSIONID on each, as sockjs-node and Spring do, so that a sticky load balancer sees it from the first request.
http::response session_answer(const endpoint& sockjs, const http::request& req, status code, std::string body,
                              std::string_view type = text_type) {
  http::response res = answer(req, code, std::move(body), type);
  if (sockjs.options.cookie_needed) res.set(field::set_cookie, jsessionid_cookie(req.header("Cookie")));
  return res;
}

constexpr std::chrono::hours one_year{24 * 365};

// RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), written without the C locale functions.
std::string http_date(std::chrono::system_clock::time_point at) {
  static constexpr std::array<std::string_view, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(at - day)};
  const auto two = [](long value) { return (value < 10 ? "0" : "") + std::to_string(value); };
  std::string out(days[std::chrono::weekday{day}.c_encoding()]);
  out += ", " + two(static_cast<unsigned>(date.day())) + ' ' +
         std::string(months[static_cast<unsigned>(date.month()) - 1]);
  out += ' ' + std::to_string(static_cast<int>(date.year())) + ' ' + two(time.hours().count()) + ':' +
         two(time.minutes().count()) + ':' + two(time.seconds().count()) + " GMT";
  return out;
}

// OPTIONS on a SockJS URL: cacheable for a year, as sockjs-node answers (Expires for HTTP/1.0 caches).
http::handler preflight(std::string_view methods) {
  return [methods](http::request req) -> asio::awaitable<http::response> {
    http::response res{status::no_content, 11};
    res.set(field::cache_control, "public, max-age=31536000");
    res.set(field::expires, http_date(std::chrono::system_clock::now() + one_year));
    res.set(field::access_control_max_age, "31536000");
    res.set(field::access_control_allow_methods, methods);
    if (auto headers = req.header("Access-Control-Request-Headers"); !headers.empty()) {
      res.set(field::access_control_allow_headers, headers);
    }
    allow_origin(req, res);
    co_return res;
  };
}

// A method SockJS does not define on one of its URLs: 405 with Allow and no body, as sockjs-node and Spring answer;
// but 404 for a session URL whose ids the protocol forbids, which is no SockJS URL at all.
http::response method_not_allowed(const endpoint& sockjs, const http::request& req, std::string_view allowed) {
  if (!parse_path(sockjs.prefix, req.path)) return answer(req, status::not_found, "Not found");
  http::response res{status::method_not_allowed, 11};
  res.set(field::allow, allowed);
  allow_origin(req, res);
  return res;
}

// GET on an xhr transport's URL
asio::awaitable<http::response> only_post(std::shared_ptr<const endpoint> sockjs, http::request req) {
  co_return method_not_allowed(*sockjs, req, "OPTIONS, POST");
}

// POST on a WebSocket URL (GET without an upgrade gets the router's 400)
asio::awaitable<http::response> only_get(std::shared_ptr<const endpoint> sockjs, http::request req) {
  co_return method_not_allowed(*sockjs, req, "GET");
}

std::uint32_t fresh_entropy() {
  thread_local std::mt19937 generator{std::random_device{}()};
  return static_cast<std::uint32_t>(generator());
}

std::shared_ptr<xhr_session> find_session(const endpoint& sockjs, const std::string& id) {
  return std::dynamic_pointer_cast<xhr_session>(sockjs.sessions->find(id));
}

// The session a receiving request attaches to, made on this request's executor when it is new; or the
// response that refuses it.
using opened = std::variant<std::shared_ptr<xhr_session>, http::response>;

opened open_session(const std::shared_ptr<const endpoint>& sockjs, const http::request& req,
                    const boost::asio::any_io_executor& executor) {
  const auto id = session_id_of(*sockjs, req.path);
  if (!id) return session_answer(*sockjs, req, status::not_found, "Not found");
  if (auto existing = find_session(*sockjs, *id)) return existing;
  if (sockjs->sessions->full()) return session_answer(*sockjs, req, status::service_unavailable, "Too many sessions");
  auto handler = sockjs->make_handler(session_request{req.path, req.query, req.remote_ip, req.id});
  if (!handler) return session_answer(*sockjs, req, status::forbidden, "Forbidden");
  auto session = std::make_shared<xhr_session>(executor, sockjs->xhr_options, *id, std::move(handler), sockjs->sessions,
                                               req.remote_ip, req.id);
  switch (sockjs->sessions->add(*id, session)) {
    case messaging::session_table::added::yes:
      return session;
    case messaging::session_table::added::full:
      return session_answer(*sockjs, req, status::service_unavailable, "Too many sessions");
    case messaging::session_table::added::taken:
      break;
  }
  // Another request made the same session meanwhile: use that one.
  if (auto other = find_session(*sockjs, *id)) return other;
  return session_answer(*sockjs, req, status::not_found, "Not found");
}

// GET <prefix>: the greeting; 200. The router took "<prefix>//" for "<prefix>/" (it drops one trailing slash):
// that is no SockJS URL, 404.
asio::awaitable<http::response> greeting(std::shared_ptr<const endpoint> sockjs, http::request req) {
  const std::string_view target = req.raw.target();
  const auto path = target.substr(0, target.find('?'));
  if (path != sockjs->prefix && path != sockjs->prefix + "/") co_return answer(req, status::not_found, "Not found");
  co_return answer(req, status::ok, "Welcome to SockJS!\n");
}

// GET <prefix>/info: what the client needs to choose a transport; 200
asio::awaitable<http::response> info(std::shared_ptr<const endpoint> sockjs, http::request req) {
  co_return answer(req, status::ok,
                   info_json(sockjs->options.websocket_enabled, sockjs->options.cookie_needed, fresh_entropy()),
                   "application/json; charset=UTF-8");
}

// POST <prefix>/<server>/<session>/xhr: one poll; `o` for a new session, else the next batch within the
// heartbeat interval; 200, 403/404/503 when no session can be had
asio::awaitable<http::response> xhr_poll(std::shared_ptr<const endpoint> sockjs, http::request req) {
  auto found = open_session(sockjs, req, co_await asio::this_coro::executor);
  if (auto* refused = std::get_if<http::response>(&found)) co_return std::move(*refused);
  auto session = std::get<std::shared_ptr<xhr_session>>(std::move(found));
  const auto executor = session->executor();
  const auto attached = co_await asio::co_spawn(executor, xhr_session::attach(session), asio::use_awaitable);
  if (attached.receiver == 0) co_return session_answer(*sockjs, req, status::ok, attached.refusal, frames_type);
  const auto polled =
      co_await asio::co_spawn(executor, xhr_session::next(session, attached.receiver, true), asio::use_awaitable);
  co_return session_answer(*sockjs, req, status::ok, polled.body, frames_type);
}

// POST <prefix>/<server>/<session>/xhr_send: a JSON array of messages for the handler; 204, 404 for no such
// session, 500 "Payload expected." / "Broken JSON encoding.", 413 past max_body_bytes
asio::awaitable<http::response> xhr_send(std::shared_ptr<const endpoint> sockjs, http::request req) {
  const auto id = session_id_of(*sockjs, req.path);
  auto session = id ? find_session(*sockjs, *id) : nullptr;
  if (!session) co_return session_answer(*sockjs, req, status::not_found, "Not found");
  auto decoded = decode_xhr_send(req.body(), sockjs->options.max_body_bytes);
  if (const auto* error = std::get_if<decode_error>(&decoded)) {
    const status code = *error == decode_error::too_large ? status::payload_too_large : status::internal_server_error;
    co_return session_answer(*sockjs, req, code, std::string(describe(*error)));
  }
  auto messages = std::get<std::vector<std::string>>(std::move(decoded));
  const auto executor = session->executor();
  const bool delivered =
      co_await asio::co_spawn(executor, xhr_session::deliver(session, std::move(messages)), asio::use_awaitable);
  if (!delivered) co_return session_answer(*sockjs, req, status::not_found, "Not found");
  co_return session_answer(*sockjs, req, status::no_content, "");
}

// POST <prefix>/<server>/<session>/xhr_streaming: a 2 KiB prelude, then frames as they come, ended after
// streaming_byte_limit bytes so that the client reconnects; 200, 403/404/503 when no session can be had
asio::awaitable<void> xhr_streaming(std::shared_ptr<const endpoint> sockjs, http::request req,
                                    http::response_writer& out) {
  auto found = open_session(sockjs, req, co_await asio::this_coro::executor);
  if (auto* refused = std::get_if<http::response>(&found)) {
    co_await out.respond(std::move(*refused));
    co_return;
  }
  auto session = std::get<std::shared_ptr<xhr_session>>(std::move(found));
  const auto executor = session->executor();
  http::response head = session_answer(*sockjs, req, status::ok, "", frames_type);
  const std::string prelude = xhr_streaming_prelude();
  if (!co_await out.start(std::move(head)) || !co_await out.write(prelude)) co_return;

  const auto attached = co_await asio::co_spawn(executor, xhr_session::attach(session), asio::use_awaitable);
  if (attached.receiver == 0) {
    if (co_await out.write(attached.refusal)) co_await out.finish();
    co_return;
  }
  for (std::size_t sent = 0;;) {
    const auto batch =
        co_await asio::co_spawn(executor, xhr_session::next(session, attached.receiver, false), asio::use_awaitable);
    if (!co_await out.write(batch.body)) {
      session->detach(attached.receiver);  // the client is gone; the disconnect delay decides the rest
      co_return;
    }
    sent += batch.body.size();
    if (!batch.end && sent < sockjs->options.streaming_byte_limit) continue;
    if (!batch.end) session->detach(attached.receiver);
    co_await out.finish();
    co_return;
  }
}

}  // namespace

void add_http_routes(http::router& routes, const std::shared_ptr<const endpoint>& sockjs) {
  const std::string& prefix = sockjs->prefix;
  routes.add(http::verb::get, prefix, http::bind_context(sockjs, greeting));
  routes.add(http::verb::get, prefix + "/info", http::bind_context(sockjs, info));
  routes.add(http::verb::options, prefix + "/info", preflight("OPTIONS, GET"));

  const std::string session = prefix + "/{server}/{session}";
  routes.add(http::verb::post, session + "/xhr", http::bind_context(sockjs, xhr_poll));
  routes.add(http::verb::options, session + "/xhr", preflight("OPTIONS, POST"));
  routes.add(http::verb::post, session + "/xhr_send", http::bind_context(sockjs, xhr_send));
  routes.add(http::verb::options, session + "/xhr_send", preflight("OPTIONS, POST"));
  routes.add_stream(
      http::verb::post, session + "/xhr_streaming",
      [sockjs](http::request req, http::response_writer& out) { return xhr_streaming(sockjs, std::move(req), out); });
  routes.add(http::verb::options, session + "/xhr_streaming", preflight("OPTIONS, POST"));
  for (const char* transport : {"/xhr", "/xhr_send", "/xhr_streaming"}) {
    routes.add(http::verb::get, session + transport, http::bind_context(sockjs, only_post));
  }
  if (sockjs->options.websocket_enabled) {
    routes.add(http::verb::post, session + "/websocket", http::bind_context(sockjs, only_get));
    routes.add(http::verb::post, prefix + "/websocket", http::bind_context(sockjs, only_get));
  }
}

}  // namespace platform::sockjs
