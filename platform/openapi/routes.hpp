// GET /v3/api-docs (the app's OpenAPI document) and Swagger UI at /swagger-ui/, with the drift check.
#pragma once

#include "platform/http/router.hpp"
#include "platform/openapi/settings.hpp"

namespace platform::openapi {

// Call after the app has registered its own routes: the document is compared with them and every difference
// is logged as a warning ("openapi: … drift"), a match as one info line, so tests and operators see drift at
// start. Then adds GET /v3/api-docs, GET /swagger-ui (redirected to /swagger-ui/) and GET /swagger-ui/{file}.
// A missing document or swagger-ui-dist folder is logged and its routes answer 404: the API serves without its
// description. A document that is not valid throws std::runtime_error naming the file. Blocking (reads files).
void register_routes(http::router& routes, const settings& config);

}  // namespace platform::openapi
