// Reading the openapi.* keys both apps share.
#include "platform/openapi/settings.hpp"

#include "platform/config/reader.hpp"

namespace platform::openapi {

settings read_settings(config::reader& config, std::string_view default_document) {
  settings s;
  s.document = config.text("openapi.document", default_document);
  s.swagger_ui = config.text("openapi.swagger_ui", "web/swagger-ui/node_modules/swagger-ui-dist");
  return s;
}

}  // namespace platform::openapi
