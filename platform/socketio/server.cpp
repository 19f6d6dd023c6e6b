// The Engine.IO routes: handshake and long-polling over HTTP, and the WebSocket transport (new sessions and
// upgrades of polling ones).
#include "platform/socketio/server.hpp"

#include <array>
#include <random>
#include <utility>
#include <variant>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "platform/auth/base64.hpp"

namespace platform::socketio {
namespace {

using field = http::beast_http::field;
using http::status;

struct endpoint {
  handler_factory make_handler;
  server_options options;
  std::shared_ptr<const engine_options> engine;
  std::shared_ptr<messaging::session_table> sessions;
};

enum class engine_error {
  transport_unknown = 0,
  unknown_sid = 1,
  bad_handshake_method = 2,
  bad_request = 3,
  unsupported_protocol_version = 5
};

http::response error(engine_error e) {
  static constexpr std::array<std::string_view, 6> messages{
      "Transport unknown",           "Session ID unknown", "Bad handshake method", "Bad request", "",
      "Unsupported protocol version"};
  const auto code = static_cast<std::size_t>(e);
  const boost::json::object body{{"code", code}, {"message", messages.at(code)}};
  return http::json_response(status::bad_request, boost::json::serialize(body));
}

http::response text(std::string body, std::string_view type = "text/plain; charset=UTF-8") {
  return http::text_response(status::ok, std::move(body), type);
}

// 20 random bytes, base64url: ids nobody can guess; after "<instance>." when the process has a name in a fleet,
// so that a proxy routes the session's polls and its upgrade to this instance (deploy/nginx: '.' is not base64url).
std::string fresh_sid(const std::string& instance_name) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::string bytes(20, '\0');
  for (auto& b : bytes) b = static_cast<char>(generator() & 0xff);
  return instance_name.empty() ? auth::base64url_encode(bytes) : instance_name + '.' + auth::base64url_encode(bytes);
}

std::optional<std::string> query_value(const http::params& query, std::string_view key) {
  for (const auto& [name, value] : query) {
    if (name == key) return value;
  }
  return std::nullopt;
}

// Why a request is refused before any session is looked at; nullopt when EIO and transport are as expected.
std::optional<engine_error> check_query(const http::params& query, std::string_view transport) {
  if (query_value(query, "EIO") != "4") return engine_error::unsupported_protocol_version;
  if (query_value(query, "transport") != transport) return engine_error::transport_unknown;
  return std::nullopt;
}

std::optional<std::string> sid_of(const http::params& query) { return query_value(query, "sid"); }

std::shared_ptr<engine_session> find_session(const endpoint& io, const std::string& sid) {
  return std::dynamic_pointer_cast<engine_session>(io.sessions->find(sid));
}

// A new session on `executor`, registered under a fresh sid; nullptr when refused.
std::variant<std::shared_ptr<engine_session>, http::response> make_session(
    const std::shared_ptr<const endpoint>& io, const session_request& request,
    const boost::asio::any_io_executor& executor) {
  if (io->sessions->full()) return http::text_response(status::service_unavailable, "Too many sessions");
  auto handler = io->make_handler(request);
  if (!handler) return http::text_response(status::forbidden, "Forbidden");
  for (;;) {
    auto session = std::make_shared<engine_session>(executor, io->engine, fresh_sid(io->options.instance_name),
                                                    std::move(handler), io->sessions, request.remote_ip, request.id);
    switch (io->sessions->add(session->sid(), session)) {
      case messaging::session_table::added::yes:
        return session;
      case messaging::session_table::added::full:
        return http::text_response(status::service_unavailable, "Too many sessions");
      case messaging::session_table::added::taken:
        handler = io->make_handler(request);
        break;  // 160 random bits collided
    }
  }
}

// GET <path>?EIO=4&transport=polling[&sid=]: the handshake (no sid) or a poll; 200, 400
asio::awaitable<http::response> get(std::shared_ptr<const endpoint> io, http::request req) {
  if (auto refused = check_query(req.query, "polling")) co_return error(*refused);
  const auto sid = sid_of(req.query);
  if (!sid) {
    const auto executor = co_await asio::this_coro::executor;
    const session_request request{req.query, req.remote_ip, req.id};
    auto made = make_session(io, request, executor);
    if (auto* refused = std::get_if<http::response>(&made)) co_return std::move(*refused);
    auto session = std::get<std::shared_ptr<engine_session>>(std::move(made));
    engine_session::start(session);
    co_return text(session->open_packet(io->options.websocket_enabled));
  }
  auto session = find_session(*io, *sid);
  if (!session) co_return error(engine_error::unknown_sid);
  auto body = co_await asio::co_spawn(session->executor(), engine_session::poll(session), asio::use_awaitable);
  if (!body) co_return error(engine_error::bad_request);
  co_return text(std::move(*body));
}

// POST <path>?EIO=4&transport=polling&sid=: packets from the client; 200 "ok", 400, 413
asio::awaitable<http::response> post(std::shared_ptr<const endpoint> io, http::request req) {
  if (auto refused = check_query(req.query, "polling")) co_return error(*refused);
  const auto sid = sid_of(req.query);
  if (!sid) co_return error(engine_error::bad_handshake_method);
  auto session = find_session(*io, *sid);
  if (!session) co_return error(engine_error::unknown_sid);
  if (req.body().size() > io->engine->max_payload) {
    session->close(messaging::close_codes::too_big, "payload too large");
    co_return http::text_response(status::payload_too_large, "Payload Too Large");
  }
  auto packets = decode_engine_payload(req.body(), io->engine->max_packets_per_post);
  if (!packets) {
    session->close(messaging::close_codes::protocol_error, "bad payload");
    co_return error(engine_error::bad_request);
  }
  const bool accepted = co_await asio::co_spawn(
      session->executor(), engine_session::receive(session, std::move(*packets)), asio::use_awaitable);
  if (!accepted) co_return error(engine_error::bad_request);
  co_return text("ok", "text/html");
}

// PUT, PATCH, DELETE <path>: not a handshake, not a poll; 400
asio::awaitable<http::response> other_method(std::shared_ptr<const endpoint>, http::request) {
  co_return error(engine_error::bad_handshake_method);
}

// OPTIONS <path> (only with an endpoint CORS policy): the preflight; 200, 403, 400 for an OPTIONS that is not one
asio::awaitable<http::response> preflight(std::shared_ptr<const endpoint> io, http::request req) {
  if (auto answer = http::answer_preflight(*io->options.cors, req.raw)) co_return std::move(*answer);
  co_return error(engine_error::bad_handshake_method);
}

using endpoint_handler = asio::awaitable<http::response> (*)(std::shared_ptr<const endpoint>, http::request);

// `fn`'s answer with the endpoint's own CORS headers, when it has a policy.
asio::awaitable<http::response> with_cors(std::shared_ptr<const endpoint> io, endpoint_handler fn, http::request req) {
  const std::string origin(req.header("Origin"));
  auto res = co_await fn(io, std::move(req));
  if (io->options.cors) http::add_cors_headers(*io->options.cors, origin, res);
  co_return res;
}

// The WebSocket transport of one connection: the session it carries from the start, or the polling session it
// probes to take over.
class websocket_transport final : public messaging::handler {
 public:
  websocket_transport(std::shared_ptr<const endpoint> io, session_request request, std::optional<std::string> sid)
      : io_(std::move(io)), request_(std::move(request)), sid_(std::move(sid)) {}

  void on_open(std::shared_ptr<messaging::connection> c) override {
    if (sid_) {
      session_ = find_session(*io_, *sid_);
      if (!session_) {
        c->close(messaging::close_codes::policy_violation, "Session ID unknown");
        return;
      }
      boost::asio::dispatch(session_->executor(), [session = session_, c] { session->offer_websocket(c); });
      return;
    }
    auto made = make_session(io_, request_, c->executor());
    if (std::holds_alternative<http::response>(made)) {
      c->close(messaging::close_codes::try_again_later, "Session refused");
      return;
    }
    session_ = std::get<std::shared_ptr<engine_session>>(std::move(made));
    c->send(session_->open_packet(false));
    session_->use_websocket(c);  // on this executor: the session was made on it
    engine_session::start(session_);
  }

  asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> c, std::string message) override {
    if (!session_) co_return;
    auto packet = decode_engine_packet(message);
    if (!packet) {
      c->close(messaging::close_codes::protocol_error, "Bad packet");
      co_return;
    }
    co_await asio::co_spawn(session_->executor(),
                            engine_session::on_websocket_packet(session_, std::move(c), std::move(*packet)),
                            asio::use_awaitable);
  }

  void on_close(std::shared_ptr<messaging::connection> c) override {
    if (auto session = std::move(session_)) {
      boost::asio::dispatch(session->executor(), [session, c] { session->websocket_closed(c.get()); });
    }
  }

 private:
  std::shared_ptr<const endpoint> io_;
  session_request request_;
  std::optional<std::string> sid_;
  std::shared_ptr<engine_session> session_;
};

}  // namespace

void register_endpoint(http::router& routes, const std::string& path, handler_factory make_handler,
                       server_options options) {
  options.websocket.read_message_max = options.engine.max_payload;
  auto engine = std::make_shared<const engine_options>(options.engine);
  auto sessions = std::make_shared<messaging::session_table>(options.max_sessions);
  auto io = std::make_shared<const endpoint>(endpoint{std::move(make_handler), std::move(options), engine, sessions});

  const auto route = [&routes, &path, &io](http::verb method, endpoint_handler fn) {
    routes.add(method, path, [io, fn](http::request req) { return with_cors(io, fn, std::move(req)); });
  };
  route(http::verb::get, get);
  route(http::verb::post, post);
  for (const auto method : {http::verb::put, http::verb::patch, http::verb::delete_}) route(method, other_method);
  if (io->options.cors) routes.add(http::verb::options, path, http::bind_context(io, preflight));
  if (io->options.websocket_enabled) {
    auto factory = [io](const http::upgrade_request& up) -> std::shared_ptr<messaging::handler> {
      if (check_query(up.query, "websocket")) return nullptr;
      return std::make_shared<websocket_transport>(io, session_request{up.query, up.remote_ip, up.id},
                                                   sid_of(up.query));
    };
    routes.add_websocket(path, ws::endpoint(factory, io->options.websocket));
  }
  routes.on_drain([sessions] { sessions->close_all(messaging::close_codes::going_away, "Server shutting down"); });
}

}  // namespace platform::socketio
