// Where an app finds its OpenAPI document and Swagger UI's assets: `openapi.document`, `openapi.swagger_ui`.
#pragma once

#include <filesystem>
#include <string_view>

namespace platform::config {
class reader;
}

namespace platform::openapi {

struct settings {
  std::filesystem::path document;    // the app's OpenAPI 3.1 JSON document
  std::filesystem::path swagger_ui;  // swagger-ui-dist's folder (web/swagger-ui/node_modules/swagger-ui-dist)
};

// Relative paths are taken from the working directory, as `sql.migrations` is: `scripts/run` starts the apps at
// the repository's root, an installation sets absolute paths.
settings read_settings(config::reader& config, std::string_view default_document);

}  // namespace platform::openapi
