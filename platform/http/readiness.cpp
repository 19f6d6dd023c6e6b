// The readiness probe (`/health/ready`), answered by the server itself: only it knows when it starts and drains.
#include <string>

#include "platform/http/detail/session.hpp"

namespace platform::http::detail {

std::optional<response> answer_readiness(const server_context& context, const raw_request& raw,
                                         const parsed_target& target) {
  const server_options& options = context.options;
  if (options.readiness_path.empty() || target.path != options.readiness_path) return std::nullopt;
  if (raw.method() != verb::get && raw.method() != verb::head) {
    response res =
        context.render_error(problem{status::method_not_allowed, target.path, "Request method not supported"});
    res.set(beast_http::field::allow, "GET, HEAD");
    return res;
  }
  const bool ready = context.ready.load(std::memory_order_acquire);
  std::string body = ready ? R"({"status":"UP")" : R"({"status":"OUT_OF_SERVICE")";
  if (!options.instance_name.empty()) body += R"(,"instance":")" + options.instance_name + '"';
  body += '}';
  response res = json_response(ready ? status::ok : status::service_unavailable, std::move(body));
  res.set(beast_http::field::cache_control, "no-store");
  return res;
}

}  // namespace platform::http::detail
