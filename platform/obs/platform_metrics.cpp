// The platform's metric names, help texts, labels and latency buckets.
#include "platform/obs/platform_metrics.hpp"

#include <algorithm>

namespace platform::obs {
namespace {

// From 0.5 ms (a cached page) to 10 s (a handler near its deadline).
constexpr std::array<double, 14> latency_bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                0.1,    0.25,  0.5,    1,     2.5,  5,     10};

constexpr std::array<std::string_view, 5> status_classes{"1xx", "2xx", "3xx", "4xx", "5xx"};
constexpr std::array<std::string_view, 8> common_methods{"GET",    "HEAD",  "POST",    "PUT",
                                                         "DELETE", "PATCH", "OPTIONS", "other"};

}  // namespace

platform_metrics::platform_metrics(registry& into)
    : http_requests(into.counters("http_requests_total",
                                  "HTTP requests answered, by route template, method and status class",
                                  {"route", "method", "status"})),
      http_request_duration(into.histograms(
          "http_request_duration_seconds", "From a request's header read to its response ready to write",
          {"route", "method"}, std::vector<double>(latency_bounds.begin(), latency_bounds.end()))),
      http_connections(into.add_gauge("http_connections", "Open HTTP connections, upgraded ones included")),
      websocket_sessions(into.add_gauge("websocket_sessions", "Open WebSocket sessions, whatever runs over them")),
      sockjs_sessions(into.add_gauge("sockjs_sessions", "SockJS sessions, on any transport, until they are freed")),
      socketio_sessions(into.add_gauge("socketio_sessions", "Engine.IO sessions, polling or upgraded, until freed")),
      slow_consumers_closed(into.add_counter("slow_consumers_closed_total",
                                             "Real-time sessions closed because their send queue overflowed")),
      stomp_frames_received(into.add_counter("stomp_frames_received_total", "STOMP frames received from clients")),
      stomp_messages_delivered(
          into.add_counter("stomp_messages_delivered_total", "STOMP MESSAGE frames queued to subscribers")),
      db_connections_in_use(into.add_gauge("db_pool_connections_in_use", "Database connections lent out")),
      db_waits(into.add_counter("db_pool_waits_total",
                                "Database connection requests that waited for a connection to come back")),
      blocking_jobs(into.add_gauge("blocking_pool_jobs", "Jobs admitted to the blocking pool, queued or running")),
      blocking_rejected(into.add_counter("blocking_pool_rejected_total",
                                         "Jobs the blocking pool refused because it was full (answered 503)")),
      kv_errors(into.add_counter("kv_errors_total", "kv (Redis) commands that got no answer: an outage")),
      storage_errors(into.add_counter("storage_errors_total", "Object store operations that failed")),
      job_runs(into.counters("job_runs_total", "Background job runs, by job and outcome", {"job", "outcome"})) {}

registry& process_registry() {
  static registry instance;
  return instance;
}

const platform_metrics& metrics() {
  static const platform_metrics instance(process_registry());
  return instance;
}

http_route::http_route(std::string_view route, std::string_view method)
    : duration_(&metrics().http_request_duration.with({route, method})) {
  for (std::size_t i = 0; i < status_classes.size(); ++i) {
    by_class_[i] = &metrics().http_requests.with({route, method, status_classes[i]});
  }
}

void http_route::record(unsigned status, std::chrono::steady_clock::duration elapsed) const noexcept {
  const std::size_t status_class = std::clamp<std::size_t>(status / 100, 1, 5) - 1;
  by_class_[status_class]->inc();
  duration_->observe(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
}

const http_route& http_route::unmatched(std::string_view method) {
  static const std::array<http_route, common_methods.size()> routes = [] {
    return [&]<std::size_t... i>(std::index_sequence<i...>) {
      return std::array<http_route, common_methods.size()>{http_route("unmatched", common_methods[i])...};
    }
    (std::make_index_sequence<common_methods.size()>());
  }();
  const auto* known = std::find(common_methods.begin(), common_methods.end() - 1, method);
  return routes[static_cast<std::size_t>(known - common_methods.begin())];
}

void count_job_run(std::string_view job, bool ok) { metrics().job_runs.with({job, ok ? "ok" : "failed"}).inc(); }

std::string render_metrics(std::string_view service) {
  metrics();  // registered even when nothing has recorded yet
  return process_registry().render({{"service", std::string(service)}});
}

}  // namespace platform::obs
