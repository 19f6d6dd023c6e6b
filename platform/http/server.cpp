// The listener: binds, hands each connection to the next I/O context, and drains on request.
#include "platform/http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include "platform/http/detail/session.hpp"
#include "platform/io/context_pool.hpp"

namespace platform::http {

struct server::state {
  io::context_pool& contexts;
  std::shared_ptr<detail::server_context> context;
  std::shared_ptr<asio::ssl::context> tls;
  asio::ip::tcp::acceptor acceptor;
};

namespace {

std::shared_ptr<asio::ssl::context> make_tls_context(const tls_files& files) {
  auto tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                   asio::ssl::context::single_dh_use);
  tls->use_certificate_chain_file(files.certificate_chain);
  tls->use_private_key_file(files.private_key, asio::ssl::context::pem);
  return tls;
}

asio::awaitable<void> accept_loop(std::shared_ptr<server::state> self) {
  for (;;) {
    auto [ec, socket] =
        co_await self->acceptor.async_accept(self->contexts.next(), asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) co_return;  // drain() closed the acceptor
    if (ec) {
      spdlog::warn("accept failed: {}", ec.message());  // e.g. out of file descriptors: keep serving the others
      continue;
    }
    socket.set_option(asio::ip::tcp::no_delay(true));
    auto executor = socket.get_executor();
    if (self->tls) {
      asio::co_spawn(executor, detail::serve_tls(std::move(socket), self->tls, self->context), asio::detached);
    } else {
      asio::co_spawn(executor, detail::serve_plain(std::move(socket), self->context), asio::detached);
    }
  }
}

}  // namespace

server::server(io::context_pool& contexts, server_options options, const router& routes, error_renderer render_error)
    : state_(std::make_shared<state>(
          state{contexts, std::make_shared<detail::server_context>(std::move(options), routes, std::move(render_error)),
                nullptr, asio::ip::tcp::acceptor(contexts.main())})) {
  if (state_->context->options.tls) state_->tls = make_tls_context(*state_->context->options.tls);
}

server::~server() = default;

unsigned short server::start() {
  const auto& options = state_->context->options;
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address(options.address), options.port);
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(state_->contexts.main(), accept_loop(state_), asio::detached);
  return acceptor.local_endpoint().port();
}

asio::awaitable<void> server::drain() {
  auto self = state_;
  self->context->draining.store(true, std::memory_order_release);
  boost::system::error_code ignored;  // closing an already closed acceptor is fine
  self->acceptor.close(ignored);
  self->context->routes.notify_drain();
  self->context->live.close_idle();

  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + self->context->options.drain_timeout;
  while (self->context->live.size() > 0 && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
    self->context->live.close_idle();  // connections that finished a request since the last pass
  }
  if (auto left = self->context->live.size()) spdlog::warn("drain timed out with {} connections open", left);
}

}  // namespace platform::http
