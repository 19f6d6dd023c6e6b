// Loading swagger-ui-dist's files and writing the initializer.
#include "platform/openapi/swagger_ui.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace platform::openapi {
namespace {

// The package is pinned (web/swagger-ui/package-lock.json), so its files change only with an upgrade, which a
// day's caching outlives by at most a day; the ETag lets a browser revalidate cheaply after that.
constexpr std::string_view dist_cache = "public, max-age=86400";
// What names the document is ours and changes with a deploy: revalidated on every load.
constexpr std::string_view own_cache = "no-cache";

struct dist_file {
  std::string_view name;
  std::string_view content_type;
};

// What index.html (and the OAuth2 redirect page) load; source maps and the ES bundles are left out.
constexpr std::array<dist_file, 9> dist_files{{
    {"index.html", "text/html;charset=UTF-8"},
    {"index.css", "text/css;charset=UTF-8"},
    {"swagger-ui.css", "text/css;charset=UTF-8"},
    {"swagger-ui-bundle.js", "text/javascript;charset=UTF-8"},
    {"swagger-ui-standalone-preset.js", "text/javascript;charset=UTF-8"},
    {"favicon-16x16.png", "image/png"},
    {"favicon-32x32.png", "image/png"},
    {"oauth2-redirect.html", "text/html;charset=UTF-8"},
    {"oauth2-redirect.js", "text/javascript;charset=UTF-8"},
}};

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return std::nullopt;
  return std::move(text).str();
}

// FNV-1a: stable across processes and builds, so instances behind one proxy agree on ETags.
std::string digest(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return fmt::format("\"{:016x}-{:x}\"", hash, bytes.size());
}

// Swagger UI with persisted authorisation, so a bearer token entered once survives a reload.
std::string initializer(std::string_view document_url) {
  return fmt::format(R"(// Written by the server: Swagger UI on this server's OpenAPI document.
window.onload = function () {{
  window.ui = SwaggerUIBundle({{
    url: "{}",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  }});
}};
)",
                     document_url);
}

}  // namespace

asset::asset(std::string body_, std::string content_type_, std::string cache_control_)
    : body(std::move(body_)),
      content_type(std::move(content_type_)),
      cache_control(std::move(cache_control_)),
      etag(digest(body)) {}

std::optional<swagger_ui> swagger_ui::load(const std::filesystem::path& dist, std::string_view document_url) {
  swagger_ui ui;
  for (const auto& file : dist_files) {
    auto bytes = read_file(dist / file.name);
    if (!bytes) return std::nullopt;
    ui.files_.emplace(file.name, asset(std::move(*bytes), std::string(file.content_type), std::string(dist_cache)));
  }
  ui.files_.emplace("swagger-initializer.js",
                    asset(initializer(document_url), "text/javascript;charset=UTF-8", std::string(own_cache)));
  return ui;
}

const asset* swagger_ui::find(std::string_view name) const {
  auto it = files_.find(name.empty() ? std::string_view("index.html") : name);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace platform::openapi
