// The listener: binds, hands each connection to the next I/O context, holds back when out of file
// descriptors or past the connection ceiling, and drains on request.
#include "platform/http/server.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/http/detail/session.hpp"
#include "platform/http/detail/throttled_warning.hpp"
#include "platform/io/context_pool.hpp"
#include "platform/io/fd_limit.hpp"
#include "platform/io/heap.hpp"
#include "platform/io/service_manager.hpp"
#include "platform/io/spawn.hpp"

namespace platform::http {

struct server::state {
  io::context_pool& contexts;
  std::shared_ptr<detail::server_context> context;
  std::shared_ptr<asio::ssl::context> tls;
  asio::ip::tcp::acceptor acceptor;
  asio::steady_timer pause;         // the accept loop's wait after a failed accept; drain() cancels it
  std::size_t max_connections = 0;  // set by start()
};

namespace {

constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);
// After a failed accept the loop waits, 10 ms at first, twice as long after each further failure, at most
// a second: the pending connection stays queued and the socket readable, so accepting again at once would
// fail the same way in a busy loop (out of descriptors: EMFILE, ENFILE; out of kernel memory: ENOBUFS, ENOMEM).
constexpr std::chrono::milliseconds first_pause{10};
constexpr std::chrono::milliseconds longest_pause{1000};
constexpr std::chrono::seconds report_interval{10};

// Descriptors not given to connections: the database, files being stored, outbound HTTP, the runtime's own.
std::size_t default_max_connections(std::size_t fds) {
  const std::size_t reserved = std::max(fds / 8, std::min<std::size_t>(64, fds / 2));
  return fds - reserved;
}

std::shared_ptr<asio::ssl::context> make_tls_context(const tls_files& files) {
  auto tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                   asio::ssl::context::single_dh_use);
  tls->use_certificate_chain_file(files.certificate_chain);
  tls->use_private_key_file(files.private_key, asio::ssl::context::pem);
  return tls;
}

void serve(server::state& self, asio::ip::tcp::socket socket) {
  boost::system::error_code ignored;  // a peer already gone shows on the first read
  socket.set_option(asio::ip::tcp::no_delay(true), ignored);
  auto executor = socket.get_executor();
  detail::connections::membership live(self.context->live, executor);
  if (self.tls) {
    asio::co_spawn(executor, detail::serve_tls(std::move(socket), std::move(live), self.tls, self.context),
                   io::log_failure("https connection"));
  } else {
    asio::co_spawn(executor, detail::serve_plain(std::move(socket), std::move(live), self.context),
                   io::log_failure("http connection"));
  }
}

// Closing a listening socket resets the connections the kernel has completed but nobody has accepted yet, and a
// proxy that already wrote a request on one gets a reset it does not retry for a POST. So the queue is emptied
// first, without waiting; what remains is the few microseconds between the last accept and the close.
void stop_accepting(server::state& self) {
  boost::system::error_code ec;
  self.acceptor.cancel(ec);  // the accept loop ends: it sees the acceptor closed
  self.acceptor.non_blocking(true, ec);
  while (!ec) {
    asio::ip::tcp::socket socket(self.contexts.next());
    self.acceptor.accept(socket, ec);
    if (!ec) serve(self, std::move(socket));
  }
  self.acceptor.close(ec);
}

asio::awaitable<void> accept_loop(std::shared_ptr<server::state> self) {
  detail::throttled_warning failures(report_interval);
  detail::throttled_warning refusals(report_interval);
  auto delay = first_pause;
  for (;;) {
    auto [ec, socket] = co_await self->acceptor.async_accept(self->contexts.next(), as_tuple);
    // drain() closed the acceptor. A connection accepted just before is still served: a proxy may have written
    // a request on it, and dropping it would reset that request.
    if (ec == asio::error::operation_aborted || (ec && !self->acceptor.is_open())) co_return;
    if (ec == asio::error::connection_aborted) continue;  // the peer left before it was taken: nothing of ours
    if (ec) {
      failures.note(fmt::format("accept failed: {}; pausing accepts", ec.message()));
      self->pause.expires_after(delay);
      co_await self->pause.async_wait(as_tuple);  // cancelled by drain(), which the next accept sees
      delay = std::min(delay * 2, longest_pause);
      continue;
    }
    delay = first_pause;
    failures.flush();

    if (self->context->live.size() >= self->max_connections) {
      refusals.note(fmt::format("{} connections open: closing new ones (http.max_connections)", self->max_connections));
      continue;  // closing the socket here is the answer
    }
    refusals.flush();
    serve(*self, std::move(socket));
  }
}

}  // namespace

server::server(io::context_pool& contexts, server_options options, const router& routes, error_renderer render_error)
    : state_(std::make_shared<state>(
          state{contexts, std::make_shared<detail::server_context>(std::move(options), routes, std::move(render_error)),
                nullptr, asio::ip::tcp::acceptor(contexts.main()), asio::steady_timer(contexts.main()), 0})) {
  if (state_->context->options.tls) state_->tls = make_tls_context(*state_->context->options.tls);
}

server::~server() = default;

unsigned short server::start() {
  const auto& options = state_->context->options;
  io::keep_freed_heap();
  const auto fds = io::raise_fd_limit();
  state_->max_connections = options.max_connections > 0 ? options.max_connections : default_max_connections(fds.soft);
  spdlog::info("file descriptors: {} (hard limit {}); at most {} connections", fds.soft, fds.hard,
               state_->max_connections);
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(options.address), options.port);
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(state_->contexts.main(), accept_loop(state_), io::log_failure("http accept loop"));
  state_->context->ready.store(true, std::memory_order_release);
  io::notify_service_manager("READY=1\nSTATUS=serving");
  return acceptor.local_endpoint().port();
}

asio::awaitable<void> server::drain() {
  auto self = state_;
  const auto& options = self->context->options;
  self->context->ready.store(false, std::memory_order_release);
  self->context->draining.store(true, std::memory_order_release);
  io::notify_service_manager("STOPPING=1\nSTATUS=draining");
  asio::steady_timer timer(co_await asio::this_coro::executor);
  if (options.drain_delay.count() > 0) {
    // Still accepting and serving (each response closing its connection) while proxies notice.
    spdlog::info("draining: not ready; accepting for {} s more (http.drain_delay_s)", options.drain_delay.count());
    timer.expires_after(options.drain_delay);
    co_await timer.async_wait(asio::use_awaitable);
  }

  stop_accepting(*self);
  self->pause.cancel();
  self->context->routes.notify_drain();
  self->context->live.close_idle();

  const auto deadline = std::chrono::steady_clock::now() + options.drain_timeout;
  const auto busy = [&context = *self->context] {
    return context.live.size() > 0 || context.handlers.load(std::memory_order_acquire) > 0;
  };
  while (busy() && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
    self->context->live.close_idle();  // connections that finished a request since the last pass
  }
  if (busy()) {
    spdlog::warn("drain timed out with {} connections open and {} handlers running", self->context->live.size(),
                 self->context->handlers.load(std::memory_order_acquire));
  }
}

}  // namespace platform::http
