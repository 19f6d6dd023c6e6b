// One request to one response: target parsing, CORS, routing, the handler deadline and the mapping of failures.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "platform/http/detail/handler_deadline.hpp"
#include "platform/http/detail/session.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace platform::http::detail {
namespace {

std::string allow_header(const std::vector<verb>& methods) {
  std::string allow;
  for (verb method : methods) {
    if (!allow.empty()) allow += ", ";
    allow += beast_http::to_string(method);
  }
  return allow;
}

response render(server_context& context, status code, std::string_view path, std::string_view message) {
  return context.render_error(problem{code, path, message});
}

// The handler's answer, or its failure mapped to the app's framework-error format.
response answer_of(server_context& context, handler_outcome outcome, const std::string& path, const std::string& id) {
  try {
    if (outcome.failure) std::rethrow_exception(outcome.failure);
    return std::move(outcome.answer);
  } catch (const client_error& e) {
    return render(context, e.code, path, e.what());
  } catch (const io::pool_saturated&) {
    spdlog::warn("{} blocking pool saturated", id);
    return render(context, status::service_unavailable, path, "Server busy, try again");
  } catch (const std::exception& e) {
    spdlog::error("{} unhandled exception: {}", id, e.what());
    return render(context, status::internal_server_error, path, "Internal server error");
  }
}

}  // namespace

asio::awaitable<answered> respond(std::shared_ptr<server_context> shared, raw_request raw,
                                  std::optional<parsed_target> target, std::string remote_ip, std::string request_id) {
  server_context& context = *shared;
  const obs::http_route& unmatched = obs::http_route::unmatched(raw.method_string());
  // A path with its own OPTIONS route answers its own preflights (SockJS does, with credentials allowed).
  const bool own_preflight =
      target && raw.method() == verb::options && context.routes.find(verb::options, target->path).target != nullptr;
  if (!own_preflight) {
    if (auto preflight = answer_preflight(context.options.cors, raw))
      co_return answered(std::move(*preflight), unmatched);
  }

  if (!target) {
    response res = render(context, status::bad_request, "", "Malformed request target");
    add_cors_headers(context.options.cors, raw[beast_http::field::origin], res);
    co_return answered(std::move(res), unmatched);
  }

  if (auto readiness = answer_readiness(context, raw, *target)) {
    static const obs::http_route readiness_route("/health/ready", "GET");  // answered before routing
    co_return answered(std::move(*readiness), readiness_route);
  }

  auto found = context.routes.find(raw.method(), target->path);
  if (found.target == nullptr && context.routes.find_websocket(target->path).target != nullptr) {
    // A WebSocket endpoint asked for without an upgrade: GET gets Spring's answer (SockJS's websocket
    // URL answers the same); any other method is not allowed, GET being the one that can upgrade.
    if (raw.method() == verb::get) {
      response res = text_response(status::bad_request, "Can \"Upgrade\" only to \"WebSocket\".");
      add_cors_headers(context.options.cors, raw[beast_http::field::origin], res);
      co_return answered(std::move(res), unmatched);
    }
    if (std::ranges::find(found.allowed, verb::get) == found.allowed.end()) found.allowed.push_back(verb::get);
  }
  if (found.target == nullptr) {
    const bool no_path = found.allowed.empty();
    response res = render(context, no_path ? status::not_found : status::method_not_allowed, target->path,
                          no_path ? "No handler for this path" : "Request method not supported");
    if (!no_path) res.set(beast_http::field::allow, allow_header(found.allowed));
    add_cors_headers(context.options.cors, raw[beast_http::field::origin], res);
    co_return answered(std::move(res), unmatched);
  }

  // Kept for the CORS headers after the request has moved into the handler.
  const std::string origin(raw[beast_http::field::origin]);
  const std::string path = target->path;
  request req{std::move(raw),    std::move(target->path), std::move(target->query),
              found.path_params, std::move(remote_ip),    std::move(request_id)};
  const std::string id = req.id;

  auto outcome = co_await run_with_deadline(shared, found.target, std::move(req));
  response res;
  if (outcome) {
    res = answer_of(context, std::move(*outcome), path, id);
  } else {
    spdlog::warn("{} handler for {} did not answer within {} s: 503", id, path,
                 context.options.handler_timeout.count());
    res = render(context, status::service_unavailable, path, "Server busy, try again");
  }

  add_cors_headers(context.options.cors, origin, res);
  co_return answered(std::move(res), *found.measured);
}

}  // namespace platform::http::detail
