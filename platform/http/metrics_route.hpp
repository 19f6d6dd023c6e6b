// GET /metrics: the process's metrics in the Prometheus text format, for the private network's scraper.
#pragma once

#include <string>

#include "platform/http/router.hpp"

namespace platform::http {

// Every sample is labelled service="<service>". The route is meant to be reached from the private network only:
// a public proxy does not forward it (docs/architecture.md, "Metrics").
void add_metrics_route(router& routes, std::string service);

}  // namespace platform::http
