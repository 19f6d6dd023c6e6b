// A SockJS session carried by HTTP requests (xhr, xhr_streaming, xhr_send): the queue between the handler and
// whichever receiving request is attached, heartbeats, the disconnect delay, and the closed session's tombstone.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "platform/io/asio.hpp"
#include "platform/messaging/connection.hpp"
#include "platform/messaging/long_poll.hpp"
#include "platform/messaging/session_table.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace platform::sockjs {

struct xhr_session_options {
  std::chrono::milliseconds heartbeat_interval;
  std::chrono::milliseconds disconnect_delay;
  std::size_t queue_max_messages;
  std::size_t queue_max_bytes;
  std::uint16_t overflow_code;
};

// Everything below runs on the session's executor. Receiving and sending requests may be on other I/O threads:
// they run the coroutines here with asio::co_spawn(session->executor(), ..., use_awaitable) and resume on
// their own thread with the result.
//
// Lifetime: the session is kept alive by whatever is pending on it (a receiving request, the disconnect timer,
// the tombstone timer: the long poll's expiry); the table only refers to it.
class xhr_session final : public messaging::connection {
 public:
  xhr_session(boost::asio::any_io_executor executor, std::shared_ptr<const xhr_session_options> options,
              std::string session_id, std::shared_ptr<messaging::handler> handler,
              std::weak_ptr<messaging::session_table> table, std::string remote_ip, std::string request_id);
  ~xhr_session() override;

  // Overflowing the queue closes the session with options.overflow_code, dropping what was queued.
  using messaging::connection::send;
  void send(messaging::payload message) override;
  void close(std::uint16_t code, std::string reason) override;

  // What a receiving request writes next: frames, each followed by '\n'.
  struct batch {
    std::string body;
    bool end = false;  // the response ends after this body; the receiver is detached already
  };
  struct attachment {
    std::uint64_t receiver = 0;  // 0: refused, answer `refusal` (a close frame line) and end
    std::string refusal;
  };

  // Attaches a receiving request: refused with c[2010] while another one is attached, and with the close frame
  // once the session is closed. The first attach opens the session (the handler's on_open runs).
  static asio::awaitable<attachment> attach(std::shared_ptr<xhr_session> self);

  // Waits for the next batch: `o` first and alone, then queued messages (all of them in one a[...] frame), the close
  // frame (after what was queued), or `h` after heartbeat_interval. A polling receiver is detached after one batch.
  static asio::awaitable<batch> next(std::shared_ptr<xhr_session> self, std::uint64_t receiver, bool polling);

  // A receiver that stops early (its write failed, its streaming limit was reached); from any thread.
  void detach(std::uint64_t receiver);

  // xhr_send: hands the messages to the handler in order, one at a time and after those of earlier requests.
  // False when the session is closed (the request is answered 404).
  static asio::awaitable<bool> deliver(std::shared_ptr<xhr_session> self, std::vector<std::string> messages);

 private:
  enum class state { fresh, open, closing, closed };
  struct close_request {
    std::uint16_t code;
    std::string reason;
    bool drop_queue;
  };

  std::shared_ptr<xhr_session> shared_session() { return std::static_pointer_cast<xhr_session>(shared_from_this()); }
  void enqueue(messaging::payload message);
  void request_close(const close_request& request);
  void finish_close();
  void notify_closed();
  void release_receiver();
  void expire_after(std::chrono::milliseconds delay);
  void on_expiry();
  std::string take_queue_frame();

  std::shared_ptr<const xhr_session_options> options_;
  std::string session_id_;
  std::shared_ptr<messaging::handler> handler_;  // released after on_close, which ends any cycle through it
  std::weak_ptr<messaging::session_table> table_;

  state state_ = state::fresh;
  // The queue, the receiver and the expiry: the disconnect delay while open and no receiver is attached, then
  // how long the tombstone answers.
  messaging::long_poll poll_;
  std::string close_frame_;  // set when closing starts
  bool opened_ = false;      // on_open ran, so on_close is due once
  bool open_frame_due_ = false;
  bool on_close_due_ = false;  // closed while a delivery was in progress: on_close runs after it
  obs::gauge_scope counted_{obs::metrics().sockjs_sessions};
};

}  // namespace platform::sockjs
