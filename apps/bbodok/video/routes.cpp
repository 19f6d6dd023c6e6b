// LiveKit routes, answered as the original Node server did (plain JSON, no envelope).
#include "apps/bbodok/video/routes.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "apps/bbodok/video/service.hpp"

namespace bbodok::video {
namespace {

namespace http = platform::http;

struct context {
  service& videos;
};

// The one value of a query parameter; nullopt when it is missing or given more than once (Express made that an
// array, which the original refused).
std::optional<std::string> single(const http::request& req, std::string_view key) {
  std::optional<std::string> found;
  for (const auto& [name, value] : req.query) {
    if (name != key) continue;
    if (found) return std::nullopt;
    found = value;
  }
  return found;
}

http::response forbidden() { return http::text_response(http::status::forbidden, "", "text/plain; charset=utf-8"); }

http::response not_configured() {
  return http::json_response(http::status::service_unavailable, R"({"message":"LiveKit is not configured"})");
}

// GET /video/getToken?identity&name&roomName[&metadata]: 200 {identity, accessToken}; 403 with an empty body for a
// missing or repeated identity or roomName, and for a room that does not exist or is not live; 503 unconfigured
asio::awaitable<http::response> get_token(context ctx, http::request req) {
  if (!ctx.videos.configured()) co_return not_configured();
  auto identity = single(req, "identity");
  auto room_name = single(req, "roomName");
  if (!identity || !room_name) co_return forbidden();
  token_request request{*identity, single(req, "name").value_or(*identity), std::move(*room_name),
                        single(req, "metadata")};
  auto token = co_await ctx.videos.token(std::move(request));
  if (!token) co_return forbidden();
  const boost::json::object body{{"identity", *identity}, {"accessToken", *token}};
  co_return http::json_response(http::status::ok, boost::json::serialize(body));
}

// GET /video/api/url: 200 {url}; 503 unconfigured
asio::awaitable<http::response> get_url(context ctx, http::request) {
  if (!ctx.videos.configured()) co_return not_configured();
  co_return http::json_response(http::status::ok,
                                boost::json::serialize(boost::json::object{{"url", ctx.videos.url()}}));
}

}  // namespace

void register_routes(http::router& routes, service& videos) {
  const context ctx{videos};
  routes.add(http::verb::get, "/video/getToken", http::bind_context(ctx, get_token));
  routes.add(http::verb::get, "/video/api/url", http::bind_context(ctx, get_url));
}

}  // namespace bbodok::video
