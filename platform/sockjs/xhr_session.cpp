// The xhr session's state machine: fresh → open → closing (close frame waiting for a receiver) → closed
// (tombstone answering the close frame), all on the session's executor.
#include "platform/sockjs/xhr_session.hpp"

#include <exception>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <spdlog/spdlog.h>

#include "platform/sockjs/frames.hpp"
#include "platform/sockjs/streaming.hpp"

namespace platform::sockjs {

xhr_session::xhr_session(boost::asio::any_io_executor executor, std::shared_ptr<const xhr_session_options> options,
                         std::string session_id, std::shared_ptr<messaging::handler> handler,
                         std::weak_ptr<messaging::session_table> table, std::string remote_ip, std::string request_id)
    : messaging::connection(std::move(executor), std::move(remote_ip), std::move(request_id)),
      options_(std::move(options)),
      session_id_(std::move(session_id)),
      handler_(std::move(handler)),
      table_(std::move(table)),
      poll_(executor_, {options_->queue_max_messages, options_->queue_max_bytes}) {}

xhr_session::~xhr_session() = default;

void xhr_session::send(messaging::payload message) {
  asio::dispatch(executor_, [self = shared_session(), message = std::move(message)]() mutable {
    self->enqueue(std::move(message));
  });
}

void xhr_session::close(std::uint16_t code, std::string reason) {
  // Going away means the server is shutting down: it will not wait a disconnect delay for a client to come
  // back for what is queued, so the session ends now (its handler's on_close runs before the I/O stops).
  const bool drop_queue = code == messaging::close_codes::going_away;
  asio::dispatch(executor_, [self = shared_session(), code, reason = std::move(reason), drop_queue]() mutable {
    self->request_close({code, std::move(reason), drop_queue});
  });
}

asio::awaitable<xhr_session::attachment> xhr_session::attach(std::shared_ptr<xhr_session> self) {
  if (self->state_ == state::closed) co_return attachment{0, xhr_frame(self->close_frame_)};
  const auto receiver = self->poll_.attach();  // the disconnect delay stops while a receiver is attached
  if (receiver == 0) co_return attachment{0, xhr_frame(close_frame(another_connection_open))};
  if (self->state_ == state::fresh) {
    self->state_ = state::open;
    self->opened_ = true;
    self->open_frame_due_ = true;
    try {
      self->handler_->on_open(self);
    } catch (const std::exception& e) {
      spdlog::error("sockjs {} on_open failed: {}", self->id_, e.what());
      self->request_close({messaging::close_codes::internal_error, "", true});
    }
  }
  co_return attachment{receiver, {}};
}

asio::awaitable<xhr_session::batch> xhr_session::next(std::shared_ptr<xhr_session> self, std::uint64_t receiver,
                                                      bool polling) {
  const auto heartbeat_at = std::chrono::steady_clock::now() + self->options_->heartbeat_interval;
  for (;;) {
    if (!self->poll_.attached(receiver)) co_return batch{{}, true};  // detached meanwhile
    batch out;
    if (self->open_frame_due_) {
      // The open frame goes alone and at once, as the protocol asks: a poll is answered with it, a stream writes
      // it as its own chunk, whatever the handler's on_open queued or closed meanwhile.
      self->open_frame_due_ = false;
      out.body = xhr_frame(open_frame());
      out.end = polling;
      if (polling) self->release_receiver();
      co_return out;
    }
    out.body = self->take_queue_frame();
    if (self->state_ == state::closing) {
      out.body += xhr_frame(self->close_frame_);
      out.end = true;
      self->release_receiver();
      self->finish_close();
      co_return out;
    }
    if (out.body.empty() && std::chrono::steady_clock::now() >= heartbeat_at) out.body = xhr_frame(heartbeat_frame());
    if (!out.body.empty()) {
      out.end = polling;
      if (polling) self->release_receiver();
      co_return out;
    }
    co_await self->poll_.park(heartbeat_at);  // the heartbeat is due, or something changed: look again
  }
}

void xhr_session::detach(std::uint64_t receiver) {
  asio::dispatch(executor_, [self = shared_session(), receiver] {
    if (self->poll_.attached(receiver)) self->release_receiver();
  });
}

asio::awaitable<bool> xhr_session::deliver(std::shared_ptr<xhr_session> self, std::vector<std::string> messages) {
  co_await self->poll_.begin_delivery();
  if (self->state_ == state::closed || self->state_ == state::fresh) {
    self->poll_.end_delivery();
    co_return false;
  }
  for (auto& message : messages) {
    if (self->state_ != state::open) break;  // closing: what comes in now is dropped
    try {
      co_await self->handler_->on_message(self, std::move(message));
    } catch (const std::exception& e) {
      spdlog::error("sockjs {} handler failed: {}", self->id_, e.what());
      self->request_close({messaging::close_codes::internal_error, "", true});
    }
  }
  self->poll_.end_delivery();
  if (self->on_close_due_) self->notify_closed();
  co_return true;
}

void xhr_session::enqueue(messaging::payload message) {
  if (state_ != state::open) return;  // closing or closed: late sends are dropped
  if (!poll_.push(std::move(message))) {
    spdlog::warn("sockjs {} {} send queue full ({} messages, {} bytes): closing with {}", id_, remote_ip_,
                 poll_.queue().size(), poll_.queue().bytes(), options_->overflow_code);
    request_close({options_->overflow_code, "Send queue overflow", true});
    obs::metrics().slow_consumers_closed.inc();
  }
}

void xhr_session::request_close(const close_request& request) {
  if (state_ == state::closing || state_ == state::closed) return;  // the first close wins
  close_frame_ = close_frame(request.code, request.reason);
  if (state_ == state::fresh) {  // closed (drained) before any receiver opened it: nothing to tell the handler
    finish_close();
    return;
  }
  state_ = state::closing;
  if (request.drop_queue) poll_.clear();
  // The attached receiver takes the close frame after the queue; without one, the next receiver does, or the
  // disconnect delay (already running) ends the session. Nothing left to send: no reason to wait for either.
  if (poll_.has_receiver()) {
    poll_.wake();
  } else if (poll_.queue().empty()) {
    finish_close();
  }
}

// Closed for good: on_close runs and the session stays a tombstone answering its close frame for a while.
void xhr_session::finish_close() {
  state_ = state::closed;
  poll_.clear();
  poll_.wake();
  notify_closed();
  expire_after(options_->disconnect_delay);
}

void xhr_session::notify_closed() {
  if (!handler_) return;  // never opened, or told already
  if (poll_.delivering()) {
    on_close_due_ = true;  // the handler sees one callback at a time: after its on_message returns
    return;
  }
  on_close_due_ = false;
  auto handler = std::move(handler_);
  if (!opened_) return;
  try {
    handler->on_close(shared_session());
  } catch (const std::exception& e) {
    spdlog::error("sockjs {} on_close failed: {}", id_, e.what());  // nothing left to close
  }
}

void xhr_session::release_receiver() {
  poll_.release();
  if (state_ != state::closed) expire_after(options_->disconnect_delay);
}

void xhr_session::expire_after(std::chrono::milliseconds delay) {
  poll_.expire_after(delay, [self = shared_session()] { self->on_expiry(); });
}

void xhr_session::on_expiry() {
  if (state_ == state::closed) {  // the tombstone has answered long enough
    if (auto table = table_.lock()) table->remove(session_id_, this);
    return;
  }
  // No receiving request for disconnect_delay: the client is gone. A closing session's frame stays as it was.
  if (state_ == state::open) close_frame_ = close_frame(go_away);
  spdlog::debug("sockjs {} session {} timed out", id_, session_id_);
  finish_close();
}

std::string xhr_session::take_queue_frame() {
  if (poll_.queue().empty()) return {};
  const auto messages = poll_.take_all();
  std::vector<std::string_view> texts;
  texts.reserve(messages.size());
  for (const auto& message : messages) texts.emplace_back(*message);
  return xhr_frame(message_frame(texts));
}

}  // namespace platform::sockjs
