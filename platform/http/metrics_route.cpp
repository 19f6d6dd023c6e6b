// Renders platform::obs's registry for the scraper.
#include "platform/http/metrics_route.hpp"

#include "platform/obs/platform_metrics.hpp"

namespace platform::http {
namespace {

// GET /metrics: 200 with the text exposition format 0.0.4.
asio::awaitable<response> metrics_page(std::string service, request) {
  co_return text_response(status::ok, obs::render_metrics(service), obs::metrics_content_type);
}

}  // namespace

void add_metrics_route(router& routes, std::string service) {
  routes.add(verb::get, "/metrics",
             [service = std::move(service)](request req) { return metrics_page(service, std::move(req)); });
}

}  // namespace platform::http
