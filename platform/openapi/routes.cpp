// Serving the document and Swagger UI from memory, with ETags.
#include "platform/openapi/routes.hpp"

#include <memory>
#include <optional>

#include <spdlog/spdlog.h>

#include "platform/openapi/document.hpp"
#include "platform/openapi/drift.hpp"
#include "platform/openapi/swagger_ui.hpp"

namespace platform::openapi {
namespace {

namespace http = platform::http;
using field = http::beast_http::field;

// Relative to /swagger-ui/, so the UI finds the document behind a proxy that serves the app under a prefix.
constexpr std::string_view document_from_ui = "../v3/api-docs";

struct served {
  std::optional<asset> document;
  std::optional<swagger_ui> ui;
};

http::response respond(const asset& file, const http::request& req) {
  const bool fresh = req.header("If-None-Match") == file.etag;
  http::response res = fresh ? http::text_response(http::status::not_modified, "", file.content_type)
                             : http::text_response(http::status::ok, file.body, file.content_type);
  if (fresh) res.erase(field::content_type);
  res.set(field::etag, file.etag);
  res.set(field::cache_control, file.cache_control);
  res.set("X-Content-Type-Options", "nosniff");
  return res;
}

asio::awaitable<http::response> api_docs(std::shared_ptr<const served> state, http::request req) {
  if (!state->document) throw http::client_error(http::status::not_found, "No OpenAPI document");
  co_return respond(*state->document, req);
}

// GET /swagger-ui and /swagger-ui/ arrive here alike (the router drops a trailing slash); only the second may
// serve index.html, whose relative links would otherwise resolve against the root.
asio::awaitable<http::response> ui_root(std::shared_ptr<const served> state, http::request req) {
  if (!state->ui) throw http::client_error(http::status::not_found, "Swagger UI is not installed");
  const std::string_view target = req.raw.target();
  if (!target.substr(0, target.find('?')).ends_with('/')) {
    http::response res = http::text_response(http::status::found, "");
    res.set(field::location, "swagger-ui/");
    co_return res;
  }
  co_return respond(*state->ui->find(""), req);
}

asio::awaitable<http::response> ui_file(std::shared_ptr<const served> state, http::request req) {
  const asset* file = state->ui ? state->ui->find(req.path_param("file")) : nullptr;
  if (file == nullptr) throw http::client_error(http::status::not_found, "No such file");
  co_return respond(*file, req);
}

void check_drift(const http::router& routes, const document& doc, const settings& config) {
  const auto registered = routes.registered_routes();
  const drift found = compare(registered, doc);
  for (const auto& route : found.undocumented) {
    spdlog::warn("openapi: drift: {} is registered but not in {}", route, config.document.string());
  }
  for (const auto& operation : found.unregistered) {
    spdlog::warn("openapi: drift: {} is in {} but not registered", operation, config.document.string());
  }
  if (found.empty()) {
    spdlog::info("openapi: {} documents all {} registered routes", config.document.string(), registered.size());
  }
}

}  // namespace

void register_routes(http::router& routes, const settings& config) {
  auto state = std::make_shared<served>();
  if (auto doc = load_document(config.document)) {
    check_drift(routes, *doc, config);
    state->document.emplace(std::move(doc->text), "application/json", "no-cache");
  } else {
    spdlog::warn("openapi: {} not found (openapi.document): /v3/api-docs answers 404", config.document.string());
  }
  state->ui = swagger_ui::load(config.swagger_ui, document_from_ui);
  if (!state->ui) {
    spdlog::warn(
        "openapi: Swagger UI not found in {} (openapi.swagger_ui; scripts/bootstrap installs it): "
        "/swagger-ui/ answers 404",
        config.swagger_ui.string());
  }
  routes.add(http::verb::get, "/v3/api-docs", http::bind_context(state, api_docs));
  routes.add(http::verb::get, "/swagger-ui", http::bind_context(state, ui_root));
  routes.add(http::verb::get, "/swagger-ui/{file}", http::bind_context(state, ui_file));
}

}  // namespace platform::openapi
