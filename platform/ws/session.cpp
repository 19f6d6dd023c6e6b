// A WebSocket session over a plain or TLS Beast stream: handshake, reader, writer, close and drain.
#include "platform/ws/session.hpp"

#include <exception>
#include <limits>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/io/spawn.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace platform::ws {
namespace {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t max_reason_bytes = 123;  // RFC 6455: a control frame carries at most 125 bytes

template <class Next>
class stream_session final : public session {
 public:
  stream_session(Next next, session_options options, const http::upgrade_request& up, std::shared_ptr<handler> h)
      : session(next.get_executor(), std::move(options), up),
        ws_(std::move(next)),
        handler_(std::move(h)),
        close_deadline_(executor_),
        writer_stopped_(executor_) {}

  // The whole life of the session; returns when the connection is over.
  static asio::awaitable<void> run(std::shared_ptr<stream_session> self, http::raw_request request,
                                   std::shared_ptr<std::function<void()>> on_drain) {
    *on_drain = [weak = std::weak_ptr<stream_session>(self)] {
      if (auto s = weak.lock()) s->request_close({close_code::going_away, "Server shutting down", false});
    };
    auto& ws = self->ws_;
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = self->options_.handshake_timeout;
    timeouts.idle_timeout = self->options_.idle_timeout;
    timeouts.keep_alive_pings = true;
    ws.set_option(timeouts);
    ws.read_message_max(self->options_.read_message_max);
    auto [accept_ec] = co_await ws.async_accept(request, as_tuple);
    if (accept_ec) co_return;  // not a valid handshake (Beast has answered 400) or the peer left: never opened
    const obs::gauge_scope counted(obs::metrics().websocket_sessions);
    request = {};  // this frame lives as long as the connection; the handshake's header fields need not
    ws.text(true);

    std::shared_ptr<session> as_session = self;
    try {
      self->handler_->on_open(as_session);
    } catch (const std::exception& e) {
      spdlog::error("websocket {} on_open failed: {}", self->id_, e.what());
      self->request_close({close_code::internal_error, "", true});
    }
    asio::co_spawn(self->executor_, write_loop(self), [self](const std::exception_ptr& failure) {
      // A bug if it happens: the writer reports I/O errors as codes.
      io::log_escaped(fmt::format("websocket {} writer", self->id_), failure);
      self->writer_done_ = true;
      self->writer_stopped_.cancel();
    });
    co_await read_loop(self);

    // The reader is done, so the connection is closed or broken; the writer may still sit in a write to a
    // peer that does not read, which the close deadline ends.
    self->state_ = state::closed;
    self->wake_writer_.cancel();
    if (!self->writer_done_) self->start_close_deadline();
    while (!self->writer_done_) {
      self->writer_stopped_.expires_at(asio::steady_timer::time_point::max());
      co_await self->writer_stopped_.async_wait(as_tuple);  // cancelled when the writer ends
    }
    self->close_deadline_.cancel();
    self->queue_.clear();
    try {
      self->handler_->on_close(as_session);
    } catch (const std::exception& e) {
      spdlog::error("websocket {} on_close failed: {}", self->id_, e.what());  // nothing left to close
    }
  }

 private:
  static asio::awaitable<void> read_loop(std::shared_ptr<stream_session> self) {
    auto& ws = self->ws_;
    beast::flat_buffer buffer;
    std::shared_ptr<session> as_session = self;
    for (;;) {
      auto [ec, bytes] = co_await ws.async_read(buffer, as_tuple);
      if (ec) {
        // A close this side started already set close_code_; otherwise record how the peer ended it.
        if (self->state_ == state::open) {
          if (ec == websocket::error::closed) {
            self->close_code_ = ws.reason().code;
          } else if (ec == websocket::error::message_too_big) {
            self->close_code_ = static_cast<std::uint16_t>(close_code::too_big);  // Beast sent it
          }
        }
        co_return;  // closed, timed out (no pong), reset: the session is over either way
      }
      if (!ws.got_text()) {
        buffer.consume(buffer.size());
        self->request_close({close_code::unknown_data, "Text messages only", false});  // Spring answers 1003 too
        continue;
      }
      std::string message = beast::buffers_to_string(buffer.data());
      buffer.consume(buffer.size());
      if (self->state_ != state::open) continue;  // closing: read on until the peer's close frame, drop the rest
      try {
        co_await self->handler_->on_message(as_session, std::move(message));
      } catch (const std::exception& e) {
        spdlog::error("websocket {} handler failed: {}", self->id_, e.what());
        self->request_close({close_code::internal_error, "", true});
      }
    }
  }

  static asio::awaitable<void> write_loop(std::shared_ptr<stream_session> self) {
    auto& ws = self->ws_;
    // A coalesced write's payloads and buffers; kept across writes so that a busy session does not allocate per
    // write (an idle one never fills them).
    std::vector<payload> batch;
    std::vector<asio::const_buffer> buffers;
    while (self->state_ != state::closed) {
      if (self->pending_close_ && (self->pending_close_->drop_queue || self->queue_.empty())) {
        self->queue_.clear();
        websocket::close_reason reason(self->pending_close_->code);
        reason.reason = self->pending_close_->reason.substr(0, max_reason_bytes);
        // Completes when the peer answers (the reader then sees `closed`), or fails if it is gone.
        auto [ec] = co_await ws.async_close(reason, as_tuple);
        if (ec) beast::get_lowest_layer(ws).close();  // the peer is gone: stop the reader too
        co_return;
      }
      if (self->queue_.empty()) {
        self->wake_writer_.expires_at(asio::steady_timer::time_point::max());
        co_await self->wake_writer_.async_wait(as_tuple);  // cancelled by enqueue, close or the reader's end
        continue;
      }
      if (self->options_.coalesce && self->queue_.size() > 1) {
        self->queue_.take(batch, self->options_.coalesce_max_messages, self->options_.coalesce_max_bytes);
        buffers.clear();
        for (const auto& message : batch) buffers.push_back(asio::buffer(*message));
        auto [ec, written] = co_await ws.async_write(buffers, as_tuple);
        batch.clear();
        if (ec) co_return;
        continue;
      }
      payload next = self->queue_.pop();
      auto [ec, written] = co_await ws.async_write(asio::buffer(*next), as_tuple);
      if (ec) co_return;  // the connection failed; the reader sees the same and ends the session
    }
  }

  void start_close_deadline() override {
    if (deadline_started_) return;
    deadline_started_ = true;
    close_deadline_.expires_after(options_.close_timeout);
    close_deadline_.async_wait(
        [self = std::static_pointer_cast<stream_session>(shared_from_this())](const boost::system::error_code& ec) {
          if (ec) return;  // cancelled: the session ended in time
          spdlog::info("websocket {} did not close within {}ms: dropping the connection", self->id_,
                       self->options_.close_timeout.count());
          beast::get_lowest_layer(self->ws_).close();  // fails the pending read and write
        });
  }

  websocket::stream<Next> ws_;
  std::shared_ptr<handler> handler_;
  asio::steady_timer close_deadline_;
  bool deadline_started_ = false;
  asio::steady_timer writer_stopped_;
  bool writer_done_ = false;
};

template <class Next>
asio::awaitable<void> refuse(Next stream, http::status code) {
  http::response res{code, 11};
  res.keep_alive(false);
  res.prepare_payload();
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  // Whether or not the peer read the refusal, the connection ends here.
  [[maybe_unused]] auto [ec, written] = co_await http::beast_http::async_write(stream, res, as_tuple);
}

struct endpoint_config {
  handler_factory make_handler;
  session_options options;
};

template <class Next>
asio::awaitable<void> accept(Next stream, http::upgrade_request up, std::shared_ptr<const endpoint_config> config) {
  std::shared_ptr<handler> h = config->make_handler(up);
  if (!h) {
    co_await refuse(std::move(stream), http::status::forbidden);
    co_return;
  }
  auto s = std::make_shared<stream_session<Next>>(std::move(stream), config->options, up, std::move(h));
  auto on_drain = up.on_drain;
  co_await stream_session<Next>::run(std::move(s), std::move(up.raw), std::move(on_drain));
}

}  // namespace

session::session(boost::asio::any_io_executor executor, session_options options, const http::upgrade_request& up)
    : messaging::connection(std::move(executor), up.remote_ip, up.id),
      options_(std::move(options)),
      path_(up.path),
      path_params_(up.path_params),
      query_(up.query),
      queue_({options_.queue_max_messages, options_.queue_max_bytes}),
      wake_writer_(executor_) {}

session::~session() = default;

void session::send(payload message) {
  asio::dispatch(executor_, [self = shared_session(), message = std::move(message)]() mutable {
    self->enqueue(std::move(message));
  });
}

void session::close(std::uint16_t code, std::string reason) {
  asio::dispatch(executor_, [self = shared_session(), code, reason = std::move(reason)]() mutable {
    self->request_close({static_cast<close_code>(code), std::move(reason), false});
  });
}

void session::enqueue(payload message) {
  if (state_ != state::open) return;  // closing or closed: late sends are dropped
  if (!queue_.push(std::move(message))) {
    spdlog::warn("websocket {} {} send queue full ({} messages, {} bytes): closing with {}", id_, remote_ip_,
                 queue_.size(), queue_.bytes(), static_cast<int>(options_.overflow_code));
    request_close({options_.overflow_code, "Send queue overflow", true});
    obs::metrics().slow_consumers_closed.inc();
    return;
  }
  wake_writer_.cancel();
}

void session::request_close(close_request request) {
  if (state_ != state::open) return;  // the first close wins
  state_ = state::closing;
  close_code_ = static_cast<std::uint16_t>(request.code);
  if (request.drop_queue) queue_.clear();
  pending_close_ = std::move(request);
  wake_writer_.cancel();
  start_close_deadline();
}

http::websocket_endpoint endpoint(handler_factory make_handler, session_options options) {
  auto config = std::make_shared<const endpoint_config>(endpoint_config{std::move(make_handler), std::move(options)});
  http::websocket_endpoint result;
  result.plain = [config](http::plain_stream stream, http::upgrade_request up) {
    return accept<http::plain_stream>(std::move(stream), std::move(up), config);
  };
  result.tls = [config](http::tls_stream stream, http::upgrade_request up) {
    return accept<http::tls_stream>(std::move(stream), std::move(up), config);
  };
  return result;
}

}  // namespace platform::ws
