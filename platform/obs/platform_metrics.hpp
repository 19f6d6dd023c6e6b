// Every metric the platform records, registered once per process, and the text GET /metrics answers.
// docs/architecture.md ("Metrics") says what each one means.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "platform/obs/metrics.hpp"

namespace platform::obs {

// Process-wide, like the logger: the modules that record (sql, kv, jobs, the real-time sessions) are built in
// many places, and threading a registry through each of their constructors would change every signature for
// values that nothing but the scrape reads. Tests of the registry itself use a registry of their own.
struct platform_metrics {
  explicit platform_metrics(registry& into);

  family<counter>& http_requests;            // {route, method, status}: status is the class, "2xx"
  family<histogram>& http_request_duration;  // {route, method}
  gauge& http_connections;
  gauge& websocket_sessions;
  gauge& sockjs_sessions;
  gauge& socketio_sessions;
  counter& slow_consumers_closed;
  counter& stomp_frames_received;
  counter& stomp_messages_delivered;
  gauge& db_connections_in_use;
  counter& db_waits;
  gauge& blocking_jobs;
  counter& blocking_rejected;
  counter& kv_errors;
  counter& storage_errors;
  family<counter>& job_runs;  // {job, outcome}: outcome "ok" or "failed"
};

registry& process_registry();
// The platform's metrics in process_registry(), registered on the first call.
const platform_metrics& metrics();

// The request metrics of one route template and method, resolved once where the route is registered, so that
// recording a request takes no lock and allocates nothing.
class http_route {
 public:
  http_route(std::string_view route, std::string_view method);

  void record(unsigned status, std::chrono::steady_clock::duration elapsed) const noexcept;

  // For requests no route's handler answered (404, 405, CORS preflights, malformed targets, requests refused
  // while being read): route "unmatched", and the method if it is a common one, else "other".
  static const http_route& unmatched(std::string_view method);

 private:
  std::array<counter*, 5> by_class_{};  // 1xx … 5xx
  histogram* duration_;
};

// One run of a background job (platform::jobs) ended, well or not.
void count_job_run(std::string_view job, bool ok);

// GET /metrics: every metric of the process, each sample labelled service="<service>".
std::string render_metrics(std::string_view service);
inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace platform::obs
