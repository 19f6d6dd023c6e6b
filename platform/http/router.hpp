// Data-driven router: literal and `{name}` path segments, telling 404 (no such path) from 405 (no such method).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/message.hpp"
#include "platform/io/asio.hpp"

namespace platform::obs {
class http_route;  // platform/obs/platform_metrics.hpp
}

namespace platform::http {

using handler = std::function<asio::awaitable<response>(request)>;
struct websocket_endpoint;  // platform/http/upgrade.hpp
class response_writer;      // platform/http/stream.hpp
using stream_handler = std::function<asio::awaitable<void>(request, response_writer&)>;

class router {
 public:
  router();
  router(const router&) = delete;
  router& operator=(const router&) = delete;
  router(router&&) noexcept;
  router& operator=(router&&) noexcept;
  ~router();

  // pattern: "/hospital/{mapNo}"; a literal segment wins over a `{name}` segment at the same depth.
  // Registering the same method and pattern twice is a programming error (throws std::logic_error).
  void add(verb method, std::string_view pattern, handler h);

  struct match {
    const handler* target = nullptr;  // null: see allowed
    params path_params;
    std::vector<verb> allowed;                  // empty with a null target: no such path (404); else 405
    const obs::http_route* measured = nullptr;  // the route template's metrics, with target
  };
  // path: decoded, trailing slash already removed.
  match find(verb method, std::string_view path) const;

  // A WebSocket endpoint (see platform::ws::endpoint): a GET upgrade request to `pattern` is handed to it.
  // It may share a pattern with HTTP routes, which then serve the requests that are not upgrades.
  // Registering the same pattern twice throws std::logic_error.
  void add_websocket(std::string_view pattern, websocket_endpoint endpoint);

  struct websocket_match {
    const websocket_endpoint* target = nullptr;  // null: no WebSocket endpoint at this path
    params path_params;
    const obs::http_route* measured = nullptr;
  };
  websocket_match find_websocket(std::string_view path) const;

  // A route whose handler streams its response (platform/http/stream.hpp). It shares the pattern space, the
  // 404/405 answers and the registration rules of add(); find() reports its methods as allowed but never
  // returns it: the server asks find_stream() first.
  void add_stream(verb method, std::string_view pattern, stream_handler h);

  struct stream_match {
    const stream_handler* target = nullptr;  // null: no stream route for this method and path
    params path_params;
    const obs::http_route* measured = nullptr;
  };
  stream_match find_stream(verb method, std::string_view path) const;

  // Called once when a server serving these routes starts to drain, before it closes idle connections: for
  // endpoints that keep state beyond one connection (SockJS sessions) or hold streams open. On the thread
  // that calls drain(); a hook that touches connections dispatches to their executors.
  void on_drain(std::function<void()> hook);
  void notify_drain() const;

  // Every HTTP route registered with add() or add_stream(), `{name}` segments as registered, literals (sorted)
  // before the parameter at each depth; WebSocket endpoints are not listed. For checks against a description.
  struct registered_route {
    verb method;
    std::string pattern;
  };
  std::vector<registered_route> registered_routes() const;

 private:
  struct node;
  node& node_for(std::string_view pattern);

  std::unique_ptr<node> root_;
  std::vector<std::function<void()>> drain_hooks_;
};

// A handler that calls fn(context, request): routes of a feature share a small context struct of
// references to their services, copied into each route.
template <class Context, class Handler>
handler bind_context(Context context, Handler fn) {
  return [context, fn](request req) { return fn(context, std::move(req)); };
}

// Removes one trailing slash ("/friend/" → "/friend"); "/" stays "/".
std::string_view without_trailing_slash(std::string_view path);

}  // namespace platform::http
