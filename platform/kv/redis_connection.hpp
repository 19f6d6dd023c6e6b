// One connection to Redis: hiredis's async context driven by Asio, with pipelining and reconnection.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "platform/io/asio.hpp"
#include "platform/kv/redis_url.hpp"

struct redisAsyncContext;
struct redisReply;

namespace platform::kv {

// A reply copied out of hiredis's buffers (hiredis frees its own once the callback returns).
struct redis_reply {
  enum class kind { string, status, error, integer, nil, array };
  kind type = kind::nil;
  std::string text;  // string, status and error
  std::int64_t integer = 0;
  std::vector<redis_reply> elements;
};

using redis_command = std::vector<std::string>;

// Commands from any thread go, in call order, onto one socket: hiredis appends each to its output buffer and
// writes when the socket is writable, so concurrent callers share round trips (pipelining) and no caller waits
// for another's reply before sending.
//
// Outage: while the server is unreachable, every command completes at once with no reply (std::nullopt) and the
// connection retries in the background with back-off (100 ms doubling to 5 s). A server that accepts but stops
// answering (stopped, or a network that drops packets) counts as unreachable once commands have waited
// `reply_timeout` without any reply: the connection is dropped, its waiting commands complete with no reply. One
// warning is logged when an outage starts and one line when it ends, never one per command. Commands sent while a
// (re)connect is in progress wait in hiredis's buffer and complete with no reply if that connect fails.
//
// Threading: the hiredis context lives on a strand of the given executor; every public method may be called
// from any thread. Replies complete on the caller's executor (a coroutine resumes where it awaited).
class redis_connection : public std::enable_shared_from_this<redis_connection> {
 public:
  // Replies that arrive without a command waiting for them: pub/sub messages on a subscriber connection.
  using push_handler = std::function<void(redis_reply&&)>;
  // Runs on the strand after every successful (re)connect, after the setup commands were queued.
  using connected_handler = std::function<void()>;

  struct options {
    std::string name;                  // in log lines: "redis pub/sub"
    std::vector<redis_command> setup;  // sent first on every connection (SELECT, SCRIPT LOAD)
    push_handler on_push;              // may be empty
    connected_handler on_connected;    // may be empty
  };
  // Options that only select the endpoint's database.
  static options named(std::string name, const redis_endpoint& endpoint);

  // Starts connecting; the first commands may be sent at once (they wait for the connect).
  static std::shared_ptr<redis_connection> open(const asio::any_io_executor& executor, redis_endpoint endpoint,
                                                options settings);

  redis_connection(const redis_connection&) = delete;
  redis_connection& operator=(const redis_connection&) = delete;
  ~redis_connection();

  // The reply, or std::nullopt when the server could not be reached (see Outage above). An error reply is a
  // reply (kind::error). Pass a named command: GCC 12 mis-copies brace-initialised temporaries in co_await.
  asio::awaitable<std::optional<redis_reply>> call(redis_command command);
  // Several commands sent back to back, no other caller's command between them (MULTI ... EXEC); the reply of
  // the last one, or std::nullopt if any got none.
  asio::awaitable<std::optional<redis_reply>> call_all(std::vector<redis_command> commands);
  // Fire and forget: a reply or its absence goes to nobody (PUBLISH, SUBSCRIBE on a subscriber connection,
  // whose confirmations and messages go to on_push).
  void send(redis_command command);

  static constexpr std::chrono::milliseconds reply_timeout{2000};

  // True while the server answers (set by the first reply on a new connection).
  [[nodiscard]] bool connected() const noexcept { return connected_.load(std::memory_order_relaxed); }

  // Closes the connection: commands waiting complete with no reply, later ones at once. Waits for the strand,
  // so call it from another thread than the one running the executor (owners call it in their destructor);
  // that executor must still be running.
  void close();

 private:
  using reply_handler = asio::any_completion_handler<void(std::optional<redis_reply>)>;
  // The caller's completion and the work that keeps its executor running until the reply is there.
  struct waiter {
    reply_handler handler;
    asio::any_io_executor work;
    void finish(std::optional<redis_reply> reply);
  };

  redis_connection(const asio::any_io_executor& executor, redis_endpoint endpoint, options settings);

  template <class Handler>
  static waiter make_waiter(Handler&& handler) {
    auto work = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
    return waiter{reply_handler(std::forward<Handler>(handler)), asio::any_io_executor(std::move(work))};
  }
  void submit(std::vector<redis_command> commands, waiter pending);  // on the strand

  // Connection life cycle, all on the strand.
  void connect();
  void on_connect(int status);
  void on_context_gone();
  void retry_later();
  void shut();
  void mark_answering();
  void watch();
  bool queue(const redis_command& command, void* privdata);

  // hiredis event hooks and callbacks (C functions whose privdata is this).
  static void add_read(void* self);
  static void del_read(void* self);
  static void add_write(void* self);
  static void del_write(void* self);
  static void cleanup(void* self);
  static void connect_callback(const redisAsyncContext* context, int status);
  static void reply_callback(redisAsyncContext* context, void* reply, void* privdata);
  void wait_readable();
  void wait_writable();

  asio::strand<asio::any_io_executor> strand_;
  const redis_endpoint endpoint_;
  const options options_;

  // Strand-only state. generation_ tells a descriptor wait of an earlier context from one of the current.
  redisAsyncContext* context_ = nullptr;
  std::optional<asio::posix::stream_descriptor> socket_;
  std::uint64_t generation_ = 0;
  bool want_read_ = false;
  bool want_write_ = false;
  bool reading_ = false;
  bool writing_ = false;
  bool closed_ = false;
  bool outage_logged_ = false;
  std::chrono::milliseconds backoff_;
  asio::steady_timer retry_;
  // Commands queued with a reply expected, and when the last reply came (or the first of them was queued).
  std::size_t awaiting_ = 0;
  std::chrono::steady_clock::time_point progress_at_;
  bool timed_out_ = false;
  asio::steady_timer watchdog_;
  std::atomic<bool> connected_{false};
};

// call() and call_all() as Asio initiations: the command travels as a pointer, assembled outside any coroutine.
inline asio::awaitable<std::optional<redis_reply>> redis_connection::call(redis_command command) {
  std::vector<redis_command> commands;
  commands.push_back(std::move(command));
  return call_all(std::move(commands));
}

inline asio::awaitable<std::optional<redis_reply>> redis_connection::call_all(std::vector<redis_command> commands) {
  auto* raw = new std::vector<redis_command>(std::move(commands));
  auto initiate = [self = shared_from_this()](auto handler, std::vector<redis_command>* pending) {
    std::unique_ptr<std::vector<redis_command>> owned(pending);
    auto waiting = make_waiter(std::move(handler));
    asio::post(self->strand_, [self, commands = std::move(*owned), waiting = std::move(waiting)]() mutable {
      self->submit(std::move(commands), std::move(waiting));
    });
  };
  return asio::async_initiate<decltype(asio::use_awaitable), void(std::optional<redis_reply>)>(
      std::move(initiate), asio::use_awaitable, raw);
}

}  // namespace platform::kv
