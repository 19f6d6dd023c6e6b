// hiredis's async context on an Asio strand: descriptor readiness drives redisAsyncHandleRead/Write.
#include "platform/kv/redis_connection.hpp"

#include <algorithm>
#include <future>
#include <utility>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>

#include "platform/obs/platform_metrics.hpp"

namespace platform::kv {
namespace {

constexpr std::chrono::milliseconds first_backoff{100};
constexpr std::chrono::milliseconds last_backoff{5000};

// privdata of a command whose reply nobody wants (all but the last of call_all()).
char discard_marker;

redis_reply copy_reply(const redisReply& from) {
  redis_reply to;
  switch (from.type) {
    case REDIS_REPLY_STRING:
      to.type = redis_reply::kind::string;
      break;
    case REDIS_REPLY_STATUS:
      to.type = redis_reply::kind::status;
      break;
    case REDIS_REPLY_ERROR:
      to.type = redis_reply::kind::error;
      break;
    case REDIS_REPLY_INTEGER:
      to.type = redis_reply::kind::integer;
      to.integer = from.integer;
      return to;
    case REDIS_REPLY_ARRAY:
      to.type = redis_reply::kind::array;
      to.elements.reserve(from.elements);
      for (std::size_t i = 0; i < from.elements; ++i) to.elements.push_back(copy_reply(*from.element[i]));
      return to;
    default:
      return to;  // nil
  }
  to.text.assign(from.str, from.len);
  return to;
}

}  // namespace

void redis_connection::waiter::finish(std::optional<redis_reply> reply) {
  if (!reply) obs::metrics().kv_errors.inc();  // no answer: the server is unreachable or not answering
  auto done = std::move(handler);
  asio::post(work, [done = std::move(done), reply = std::move(reply)]() mutable { std::move(done)(std::move(reply)); });
  work = asio::any_io_executor();
}

redis_connection::options redis_connection::named(std::string name, const redis_endpoint& endpoint) {
  options settings;
  settings.name = std::move(name);
  settings.setup.push_back({"SELECT", std::to_string(endpoint.database)});
  return settings;
}

std::shared_ptr<redis_connection> redis_connection::open(const asio::any_io_executor& executor, redis_endpoint endpoint,
                                                         options settings) {
  std::shared_ptr<redis_connection> connection(
      new redis_connection(executor, std::move(endpoint), std::move(settings)));
  asio::post(connection->strand_, [connection] { connection->connect(); });
  return connection;
}

redis_connection::redis_connection(const asio::any_io_executor& executor, redis_endpoint endpoint, options settings)
    : strand_(asio::make_strand(executor)),
      endpoint_(std::move(endpoint)),
      options_(std::move(settings)),
      backoff_(first_backoff),
      retry_(strand_),
      watchdog_(strand_) {}

redis_connection::~redis_connection() = default;

void redis_connection::send(redis_command command) {
  asio::post(strand_, [self = shared_from_this(), command = std::move(command)] {
    if (self->context_ != nullptr) self->queue(command, nullptr);
  });
}

void redis_connection::close() {
  std::promise<void> done;
  auto finished = done.get_future();
  asio::post(strand_, [self = shared_from_this(), &done] {
    self->shut();
    done.set_value();
  });
  finished.wait();
}

void redis_connection::submit(std::vector<redis_command> commands, waiter pending) {
  if (context_ == nullptr || commands.empty()) {
    pending.finish(std::nullopt);
    return;
  }
  for (std::size_t i = 0; i + 1 < commands.size(); ++i) {
    if (!queue(commands[i], &discard_marker)) {
      pending.finish(std::nullopt);
      return;
    }
  }
  auto* waiting = new waiter(std::move(pending));  // owned by reply_callback once queued
  if (!queue(commands.back(), waiting)) {
    waiting->finish(std::nullopt);
    delete waiting;
  }
}

bool redis_connection::queue(const redis_command& command, void* privdata) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(command.size());
  lengths.reserve(command.size());
  for (const auto& part : command) {
    argv.push_back(part.data());
    lengths.push_back(part.size());
  }
  const bool queued = redisAsyncCommandArgv(context_, &redis_connection::reply_callback, privdata,
                                            static_cast<int>(argv.size()), argv.data(), lengths.data()) == REDIS_OK;
  // Subscriber traffic (privdata null) may legitimately go unanswered for ever; everything else is watched.
  if (queued && privdata != nullptr && awaiting_++ == 0) progress_at_ = std::chrono::steady_clock::now();
  return queued;
}

void redis_connection::connect() {
  if (closed_) return;
  redisAsyncContext* context = redisAsyncConnect(endpoint_.host.c_str(), endpoint_.port);
  if (context == nullptr || context->err != 0) {
    if (!outage_logged_) {
      spdlog::warn("{}: cannot connect to redis at {}:{} ({}); degrading until it is back", options_.name,
                   endpoint_.host, endpoint_.port, context != nullptr ? context->errstr : "out of memory");
      outage_logged_ = true;
    }
    if (context != nullptr) redisAsyncFree(context);
    retry_later();
    return;
  }
  context_ = context;
  ++generation_;
  want_read_ = want_write_ = reading_ = writing_ = false;
  socket_.emplace(strand_, context->c.fd);
  context->data = this;
  context->ev.data = this;
  context->ev.addRead = &redis_connection::add_read;
  context->ev.delRead = &redis_connection::del_read;
  context->ev.addWrite = &redis_connection::add_write;
  context->ev.delWrite = &redis_connection::del_write;
  context->ev.cleanup = &redis_connection::cleanup;
  redisAsyncSetConnectCallback(context, &redis_connection::connect_callback);
  // Queued before anything a caller sends, so every command runs on the selected database with the scripts
  // loaded.
  for (const auto& command : options_.setup) queue(command, &discard_marker);
  // hiredis asks for write readiness only once a command is queued; a connection without setup must still
  // learn that its connect finished.
  add_write(this);
  watch();
}

// Every 500 ms while this context lives: drop it when commands have waited reply_timeout without any reply.
void redis_connection::watch() {
  watchdog_.expires_after(std::chrono::milliseconds(500));
  watchdog_.async_wait([self = shared_from_this(), generation = generation_](const boost::system::error_code& ec) {
    if (ec || generation != self->generation_ || self->context_ == nullptr) return;
    if (self->awaiting_ > 0 && std::chrono::steady_clock::now() - self->progress_at_ > reply_timeout) {
      self->timed_out_ = true;
      redisAsyncFree(self->context_);  // fails the waiting commands; cleanup() schedules the reconnect
      return;
    }
    self->watch();
  });
}

void redis_connection::mark_answering() {
  if (connected_.load(std::memory_order_relaxed)) return;
  backoff_ = first_backoff;
  connected_.store(true, std::memory_order_relaxed);
  if (outage_logged_) spdlog::info("{}: redis at {}:{} is back", options_.name, endpoint_.host, endpoint_.port);
  outage_logged_ = false;
}

// The socket is connected; the server counts as back only once it answers (mark_answering), since a stopped
// server's kernel still accepts connections.
void redis_connection::on_connect(int status) {
  if (status != REDIS_OK) return;  // hiredis frees the context next: cleanup() takes over
  if (options_.on_connected) options_.on_connected();
}

// hiredis frees the context (connect failed, the server went away, or shut()): forget it and, unless closing,
// reconnect later.
void redis_connection::on_context_gone() {
  if (!closed_ && !outage_logged_) {
    const char* reason = timed_out_                                          ? "no reply within the timeout"
                         : context_->errstr != nullptr && context_->err != 0 ? context_->errstr
                                                                             : "closed";
    spdlog::warn("{}: lost redis at {}:{} ({}); degrading until it is back", options_.name, endpoint_.host,
                 endpoint_.port, reason);
    outage_logged_ = true;
  }
  timed_out_ = false;
  awaiting_ = 0;
  watchdog_.cancel();
  connected_.store(false, std::memory_order_relaxed);
  context_ = nullptr;
  // hiredis closes the descriptor itself: release it from Asio, which aborts the pending waits.
  if (socket_) {
    socket_->release();
    socket_.reset();
  }
  ++generation_;
  if (!closed_) retry_later();
}

void redis_connection::retry_later() {
  retry_.expires_after(backoff_);
  backoff_ = std::min(backoff_ * 2, last_backoff);
  retry_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec) self->connect();
  });
}

void redis_connection::shut() {
  closed_ = true;
  retry_.cancel();
  watchdog_.cancel();
  if (context_ != nullptr) redisAsyncFree(context_);  // calls cleanup(), which resets context_
}

void redis_connection::wait_readable() {
  if (reading_ || !socket_) return;
  reading_ = true;
  socket_->async_wait(asio::posix::stream_descriptor::wait_read,
                      [self = shared_from_this(), generation = generation_](const boost::system::error_code& ec) {
                        if (generation != self->generation_) return;
                        self->reading_ = false;
                        if (ec || !self->want_read_) return;
                        redisAsyncHandleRead(self->context_);
                      });
}

void redis_connection::wait_writable() {
  if (writing_ || !socket_) return;
  writing_ = true;
  socket_->async_wait(asio::posix::stream_descriptor::wait_write,
                      [self = shared_from_this(), generation = generation_](const boost::system::error_code& ec) {
                        if (generation != self->generation_) return;
                        self->writing_ = false;
                        if (ec || !self->want_write_) return;
                        redisAsyncHandleWrite(self->context_);
                      });
}

void redis_connection::add_read(void* self) {
  auto* connection = static_cast<redis_connection*>(self);
  connection->want_read_ = true;
  connection->wait_readable();
}

void redis_connection::del_read(void* self) { static_cast<redis_connection*>(self)->want_read_ = false; }

void redis_connection::add_write(void* self) {
  auto* connection = static_cast<redis_connection*>(self);
  connection->want_write_ = true;
  connection->wait_writable();
}

void redis_connection::del_write(void* self) { static_cast<redis_connection*>(self)->want_write_ = false; }

void redis_connection::cleanup(void* self) { static_cast<redis_connection*>(self)->on_context_gone(); }

void redis_connection::connect_callback(const redisAsyncContext* context, int status) {
  static_cast<redis_connection*>(context->data)->on_connect(status);
}

void redis_connection::reply_callback(redisAsyncContext* context, void* reply, void* privdata) {
  auto* self = static_cast<redis_connection*>(context->data);
  const auto* raw = static_cast<const redisReply*>(reply);
  if (raw != nullptr) self->mark_answering();
  if (privdata != nullptr && self->awaiting_ > 0) {
    --self->awaiting_;
    self->progress_at_ = std::chrono::steady_clock::now();
  }
  if (privdata == &discard_marker) return;
  if (privdata == nullptr) {
    if (raw != nullptr && self->options_.on_push) self->options_.on_push(copy_reply(*raw));
    return;
  }
  std::unique_ptr<waiter> waiting(static_cast<waiter*>(privdata));
  waiting->finish(raw != nullptr ? std::optional<redis_reply>(copy_reply(*raw)) : std::nullopt);
}

}  // namespace platform::kv
