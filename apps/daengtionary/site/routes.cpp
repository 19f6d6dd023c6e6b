// GET /, GET /health and GET /images/{key}.
#include "apps/daengtionary/routes.hpp"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "apps/daengtionary/common/async.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/storage/image.hpp"
#include "platform/storage/local_disk_store.hpp"
#include "platform/storage/object_store.hpp"

namespace daengtionary::site {
namespace {

namespace http = platform::http;

struct context {
  platform::storage::object_store& images;
  platform::io::blocking_pool& pool;
  std::string started_at;
};

std::string seoul_now(std::string_view format) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + std::chrono::hours(9);
  return fmt::format(fmt::runtime(format), now);
}

std::optional<std::string> read_object(const platform::storage::object_store* images, const std::string& key) {
  return images->get(key);
}

// GET /: 200 text, what the original's deploy script polled.
asio::awaitable<http::response> root(context ctx, http::request) {
  co_return http::text_response(http::status::ok, fmt::format("빌드된 현재 날짜는 : {} 현재 시간은 : {}",
                                                              seoul_now("{:%Y-%m-%d}"), ctx.started_at));
}

// GET /health: 200 while the process serves requests.
asio::awaitable<http::response> health(context, http::request) {
  co_return http::json_response(http::status::ok, R"({"status":"UP"})");
}

// GET /images/{key}: 200 with the image; 404 for unknown or malformed keys.
asio::awaitable<http::response> image(context ctx, http::request req) {
  const std::string key(req.path_param("key"));
  const auto kind = platform::storage::image_kind_from_filename(key);
  if (!kind || !platform::storage::is_valid_key(key))
    throw http::client_error(http::status::not_found, "No such image");
  auto bytes = co_await ctx.pool.run(read_object, &ctx.images, key);
  if (!bytes) throw http::client_error(http::status::not_found, "No such image");
  auto res = http::text_response(http::status::ok, std::move(*bytes), platform::storage::content_type(*kind));
  res.set(http::beast_http::field::cache_control, "public, max-age=31536000, immutable");  // keys are never reused
  co_return res;
}

}  // namespace

void register_routes(http::router& routes, platform::storage::object_store& images, platform::io::blocking_pool& pool) {
  const context ctx{images, pool, seoul_now("{:%H:%M:%S}")};
  routes.add(http::verb::get, "/", http::bind_context(ctx, root));
  routes.add(http::verb::get, "/health", http::bind_context(ctx, health));
  routes.add(http::verb::get, "/images/{key}", http::bind_context(ctx, image));
}

}  // namespace daengtionary::site
