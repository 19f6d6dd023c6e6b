// One connection's request loop: read with limits and deadlines, respond, keep alive or close.
#include "platform/http/detail/session.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <random>
#include <type_traits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/http/detail/stream_writer.hpp"
#include "platform/http/target.hpp"
#include "platform/http/upgrade.hpp"
#include "platform/obs/logging.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace platform::http::detail {
namespace {

namespace beast = boost::beast;
constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);

// Process-unique request ids: a random tag per process and a counter.
std::string next_request_id() {
  static const std::uint32_t process_tag = std::random_device{}();
  static std::atomic<std::uint64_t> counter{0};
  return fmt::format("{:08x}-{:x}", process_tag, counter.fetch_add(1, std::memory_order_relaxed));
}

// A client-supplied X-Request-Id is kept when it is short and plain, so ids can follow a request across proxies.
std::string request_id_for(const raw_request& raw) {
  std::string_view given = raw["X-Request-Id"];
  const bool plain = !given.empty() && given.size() <= 64 && std::ranges::all_of(given, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
  return plain ? std::string(given) : next_request_id();
}

beast::tcp_stream& lowest(beast::tcp_stream& stream) { return stream; }
beast::tcp_stream& lowest(beast::ssl_stream<beast::tcp_stream>& stream) { return stream.next_layer(); }

// Status for a failed read, or nullopt when the connection should just close (peer gone, timeout).
std::optional<status> status_for_read_error(const beast::error_code& ec) {
  if (ec == beast_http::error::header_limit) return status::request_header_fields_too_large;
  if (ec == beast_http::error::body_limit) return status::payload_too_large;
  if (ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message) return std::nullopt;
  if (ec.category() == beast_http::make_error_code(beast_http::error::bad_target).category())
    return status::bad_request;
  return std::nullopt;
}

template <class Stream>
asio::awaitable<void> write_response(Stream& stream, response& res, const server_options& options) {
  lowest(stream).expires_after(options.read_timeout);
  auto [ec, _] = co_await beast_http::async_write(stream, res, as_tuple);
  if (ec) res.keep_alive(false);  // the peer went away mid-write; nothing else to do for it
}

void half_close(beast::tcp_stream& stream) {
  boost::system::error_code ignored;  // the peer may already be gone
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}
// Under TLS the TCP stream cannot be half-closed without breaking the session; reading on is enough.
void half_close(beast::ssl_stream<beast::tcp_stream>&) {}

// A client still sending a body we refused (413) only reads our answer once its upload is done; closing
// at once would reset the connection under it, so the rest is read and dropped first, within bounds.
template <class Stream>
asio::awaitable<void> discard_unread_input(Stream& stream) {
  constexpr std::size_t max_discarded = 64 * 1024 * 1024;
  half_close(stream);
  lowest(stream).expires_after(std::chrono::seconds(5));
  std::array<char, 16 * 1024> sink{};
  for (std::size_t discarded = 0; discarded < max_discarded;) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), as_tuple);
    if (ec) break;  // end of upload, peer gone, or out of time: all mean stop
    discarded += n;
  }
}

// Every request ends here once: one access-log line and its count and duration in the route's metrics. Called
// when a whole response is ready, before it is written, so a client that has its answer finds it counted.
void account(const server_options& options, const obs::http_route& route, const std::string& id,
             const std::string& remote_ip, std::string_view method, std::string_view target, unsigned status_code,
             std::size_t body_bytes, std::chrono::steady_clock::time_point started) {
  const auto elapsed = std::chrono::steady_clock::now() - started;
  route.record(status_code, elapsed);
  if (options.access_log) obs::log_access({id, remote_ip, method, target, status_code, body_bytes, elapsed});
}

bool has_transport(const websocket_endpoint& endpoint, const plain_stream&) { return bool(endpoint.plain); }
bool has_transport(const websocket_endpoint& endpoint, const tls_stream&) { return bool(endpoint.tls); }

// A WebSocket upgrade serve() accepted: the endpoint that takes the stream over. The connection stays in the
// live set (drain reaches the WebSocket through it, and it counts against the ceiling) until the endpoint is done.
struct accepted_upgrade {
  const websocket_endpoint* endpoint;
  upgrade_request request;
};

// Runs after serve() has returned, so the request loop's frame (parser, buffers, room for every kind of
// response: about 3.5 KB) is not kept for the WebSocket's whole life.
template <class Stream>
asio::awaitable<void> run_upgraded(Stream& stream, accepted_upgrade up) {
  if constexpr (std::is_same_v<Stream, plain_stream>) {
    co_await up.endpoint->plain(std::move(stream), std::move(up.request));
  } else {
    co_await up.endpoint->tls(std::move(stream), std::move(up.request));
  }
}

// Runs a stream route's handler; a failure before anything was answered becomes a whole error response.
template <class Stream>
asio::awaitable<void> stream_to(server_context& context, const stream_handler& handler, request req,
                                stream_writer<Stream>& writer) {
  const std::string path = req.path;
  const std::string id = req.id;
  std::optional<status> failure;
  try {
    // clang-tidy 14 reads the co_await as a loop and this one move as two: a false positive.
    co_await handler(std::move(req), writer);  // NOLINT(bugprone-use-after-move)
    if (!writer.answered()) {
      spdlog::error("{} stream handler for {} returned without a response", id, path);
      failure = status::internal_server_error;
    }
  } catch (const client_error& e) {
    failure = e.code;
  } catch (const std::exception& e) {
    spdlog::error("{} unhandled exception in stream handler: {}", id, e.what());
    failure = status::internal_server_error;
  }
  if (failure && !writer.answered()) {
    response res = context.render_error(problem{*failure, path, beast_http::obsolete_reason(*failure)});
    co_await writer.respond(std::move(res));
  }
}

// Serves requests until the connection closes; returns the upgrade when it was handed to a WebSocket
// endpoint, which then owns the stream: the caller runs it with run_upgraded(). `entry` is the connection's entry
// in the live set, held by the caller.
template <class Stream>
asio::awaitable<std::optional<accepted_upgrade>> serve(Stream& stream, connection_entry& entry, std::string remote_ip,
                                                       std::shared_ptr<server_context> context) {
  const server_options& options = context->options;
  entry.close = [&stream] { lowest(stream).cancel(); };

  beast::flat_buffer buffer;
  // Draining does not end the loop: a request already on its way on a kept-alive connection (a proxy may send
  // one just as the drain starts) is read and answered with `Connection: close`; idle connections are closed
  // by drain() after its delay.
  for (bool first = true;; first = false) {
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(options.body_limit);

    // A new connection was opened to send a request, which may already be on its way (a proxy opens one during
    // the drain delay and writes at once): drain lets it arrive rather than close the connection under it.
    entry.idle = !first;
    lowest(stream).expires_after(options.idle_timeout);
    auto [header_ec, header_bytes] = co_await beast_http::async_read_header(stream, buffer, parser, as_tuple);
    entry.idle = false;
    const auto started = std::chrono::steady_clock::now();

    std::optional<status> failure;
    if (header_ec) {
      failure = status_for_read_error(header_ec);
      if (!failure) break;
    } else if (parser.content_length() && *parser.content_length() > options.body_limit) {
      failure = status::payload_too_large;  // refuse before reading a byte of the body
    } else {
      if (beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
        beast_http::response<beast_http::empty_body> go_on{status::continue_, 11};
        lowest(stream).expires_after(options.read_timeout);
        auto [ec, _] = co_await beast_http::async_write(stream, go_on, as_tuple);
        if (ec) break;
      }
      if (!parser.is_done()) {  // most requests (GET) have no body left to read
        lowest(stream).expires_after(options.read_timeout);
        auto [body_ec, body_bytes] = co_await beast_http::async_read(stream, buffer, parser, as_tuple);
        if (body_ec) {
          failure = status_for_read_error(body_ec);
          if (!failure) break;
        }
      }
    }

    if (failure) {
      // The rest of the stream cannot be trusted after a failed read: answer, then close.
      // Beast refuses a too-large Content-Length while finishing the header, which it has then read whole.
      const bool header_known = parser.is_header_done() || header_ec == beast_http::error::body_limit;
      const auto& head_part = parser.get();
      const std::string target = header_known ? std::string(head_part.target()) : std::string();
      const std::string id = header_known ? request_id_for(head_part) : next_request_id();
      response res = context->render_error(problem{*failure, target, beast_http::obsolete_reason(*failure)});
      res.set("X-Request-Id", id);
      if (header_known) add_cors_headers(options.cors, head_part[beast_http::field::origin], res);
      res.keep_alive(false);
      res.prepare_payload();
      const std::string_view method = header_known ? head_part.method_string() : "-";
      account(options, obs::http_route::unmatched(method), id, remote_ip, method, target, res.result_int(),
              res.body().size(), started);
      co_await write_response(stream, res, options);
      co_await discard_unread_input(stream);
      break;
    }

    auto target = parse_target(parser.get().target());
    if (boost::beast::websocket::is_upgrade(parser.get())) {
      auto found = target ? context->routes.find_websocket(target->path) : router::websocket_match{};
      if (found.target != nullptr && has_transport(*found.target, stream)) {
        raw_request raw = parser.release();
        std::string id = request_id_for(raw);
        const std::string target_text(raw.target());
        upgrade_request up{std::move(raw),
                           std::move(target->path),
                           std::move(target->query),
                           std::move(found.path_params),
                           remote_ip,
                           id};
        // Still live for drain, which reaches it through close_idle: the endpoint closes it with 1001.
        entry.idle = true;
        entry.close = [on_drain = up.on_drain] {
          if (*on_drain) (*on_drain)();
        };
        account(options, *found.measured, id, remote_ip, "GET", target_text, 101, 0, started);
        lowest(stream).expires_never();  // the WebSocket layer runs its own timeouts
        accepted_upgrade accepted{found.target, std::move(up)};
        co_return accepted;
      }
    }

    auto streamed = target ? context->routes.find_stream(parser.get().method(), target->path) : router::stream_match{};
    if (streamed.target != nullptr) {
      raw_request raw = parser.release();
      const std::string method(raw.method_string());
      const std::string target_text(raw.target());
      const unsigned version = raw.version();
      std::string id = request_id_for(raw);
      std::string origin(raw[beast_http::field::origin]);
      request req{std::move(raw),
                  std::move(target->path),
                  std::move(target->query),
                  std::move(streamed.path_params),
                  remote_ip,
                  id};
      stream_writer<Stream> writer(stream, options, version, std::move(origin), id);
      co_await stream_to(*context, *streamed.target, std::move(req), writer);
      account(options, *streamed.measured, id, remote_ip, method, target_text, writer.status(), writer.bytes(),
              started);
      break;  // a streamed response ends its connection
    }

    raw_request raw = parser.release();
    const bool client_keep_alive = raw.keep_alive();
    const bool http_1_0 = raw.version() < 11;
    const bool head = raw.method() == verb::head;
    const std::string method(raw.method_string());
    const std::string target_text(raw.target());
    std::string id = request_id_for(raw);

    answered out = co_await respond(context, std::move(raw), std::move(target), remote_ip, id);
    response& res = out.res;
    res.set("X-Request-Id", id);
    res.keep_alive(client_keep_alive && !context->draining.load(std::memory_order_acquire));
    // Our answers say HTTP/1.1, where staying open goes without saying; an HTTP/1.0 client that asked to keep the
    // connection closes it unless told, in so many words, that it stays open.
    if (http_1_0 && res.keep_alive()) res.set(beast_http::field::connection, "keep-alive");
    res.prepare_payload();
    if (head) res.body().clear();  // Content-Length stays that of the GET body
    account(options, *out.route, id, remote_ip, method, target_text, res.result_int(), res.body().size(), started);
    co_await write_response(stream, res, options);
    if (!res.keep_alive()) break;
  }
  co_return std::nullopt;
}

std::string remote_ip_of(const asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("-") : endpoint.address().to_string();
}

}  // namespace

asio::awaitable<void> serve_plain(asio::ip::tcp::socket socket, connections::membership live,
                                  std::shared_ptr<server_context> context) {
  std::string remote_ip = remote_ip_of(socket);
  beast::tcp_stream stream(std::move(socket));
  auto upgraded = co_await serve(stream, live.entry(), std::move(remote_ip), context);
  if (upgraded) {
    co_await run_upgraded(stream, std::move(*upgraded));  // the WebSocket layer closes the stream
  } else {
    half_close(stream);
  }
}

asio::awaitable<void> serve_tls(asio::ip::tcp::socket socket, connections::membership live,
                                std::shared_ptr<asio::ssl::context> tls, std::shared_ptr<server_context> context) {
  std::string remote_ip = remote_ip_of(socket);
  beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
  // A drain may end a handshake: nothing has been asked yet.
  live.entry().idle = true;
  live.entry().close = [&stream] { stream.next_layer().cancel(); };
  stream.next_layer().expires_after(context->options.read_timeout);
  auto [handshake_ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, as_tuple);
  live.entry().idle = false;
  if (handshake_ec) co_return;  // not a TLS client, or it gave up: nothing to answer
  const auto read_timeout = context->options.read_timeout;
  auto upgraded = co_await serve(stream, live.entry(), std::move(remote_ip), context);
  if (upgraded) {
    co_await run_upgraded(stream, std::move(*upgraded));  // the WebSocket layer closes the stream
    co_return;
  }
  stream.next_layer().expires_after(read_timeout);
  boost::system::error_code ignored;  // a peer that skips close_notify is common and harmless
  co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ignored));
}

}  // namespace platform::http::detail
