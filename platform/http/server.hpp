// HTTP/1.1 server on Boost.Beast: keep-alive, limits and deadlines, optional TLS, CORS, graceful drain.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/http/cors.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/io/asio.hpp"

namespace platform::io {
class context_pool;
}

namespace platform::http {

struct tls_files {
  std::string certificate_chain;  // PEM file
  std::string private_key;        // PEM file
};

struct server_options {
  std::string address = "0.0.0.0";
  unsigned short port = 8080;  // 0: any free port (tests)
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 25 * 1024 * 1024;
  std::chrono::seconds read_timeout{30};  // reading one request's header, then its body; writing the response
  std::chrono::seconds idle_timeout{75};  // waiting on a kept-alive connection for the next request
  // After SIGTERM, how long the server keeps accepting (readiness already false) before it stops: long enough
  // for a proxy's health check to notice, and longer than the proxy keeps an idle upstream connection (nginx's
  // upstream keepalive_timeout), so that no connection the proxy may still pick is closed under it.
  std::chrono::seconds drain_delay{3};
  std::chrono::seconds drain_timeout{20};  // then how long drain() lets in-flight requests finish
  // GET answers 200 {"status":"UP"} from start() to drain(), else 503 {"status":"OUT_OF_SERVICE"} (Spring
  // Boot's readiness probe); the server answers it before routing. Empty: no readiness path.
  std::string readiness_path = "/health/ready";
  // This process's name in a fleet (letters, digits, '-' and '_'; empty alone): shown by the readiness probe,
  // and protocols whose sessions a proxy must route back to their instance put it in their session ids.
  std::string instance_name;
  // How long a handler may take to answer before the client gets 503 (its work runs on, and its late answer is
  // dropped). Streamed responses and WebSockets are exempt: they are long-lived by design.
  std::chrono::seconds handler_timeout{30};
  // Connections (upgraded ones included) past which new ones are closed at once. 0: derived by start() from
  // the file-descriptor limit, leaving room for the database, files and the runtime.
  std::size_t max_connections = 0;
  std::optional<tls_files> tls;
  cors_policy cors;
  bool access_log = true;
};

// What went wrong before or around a handler (no route, wrong method, limits, a binding error, a bug).
struct problem {
  status code;
  std::string_view path;
  std::string_view message;  // safe to send: never internal detail
};
// Renders a problem in the app's framework-error format (e.g. Spring's default error JSON).
using error_renderer = std::function<response(const problem&)>;

class server {
 public:
  // Listens on the pool's main context and spreads connections over all of its contexts.
  server(io::context_pool& contexts, server_options options, const router& routes, error_renderer render_error);
  server(const server&) = delete;
  server& operator=(const server&) = delete;
  ~server();

  // Raises the soft file-descriptor limit to the hard one, binds and starts accepting, turns readiness on and
  // tells systemd READY=1 (platform/io/service_manager.hpp); returns the bound port. Throws if the address
  // cannot be bound. Call it when the app is ready to serve: before, the port is closed.
  unsigned short start();

  // Turns readiness off and tells systemd STOPPING=1 at once; every response from then on closes its
  // connection. After drain_delay: stops accepting, runs the routes' drain hooks (WebSockets close with 1001),
  // closes idle connections, lets in-flight requests finish, and returns when none is left or drain_timeout
  // has passed.
  asio::awaitable<void> drain();

  struct state;  // opaque; shared with the accept loop so it outlives in-flight accepts

 private:
  std::shared_ptr<state> state_;
};

}  // namespace platform::http
