// What differs between the routes an app registered and the operations its OpenAPI document lists.
#pragma once

#include <string>
#include <vector>

#include "platform/http/router.hpp"
#include "platform/openapi/document.hpp"

namespace platform::openapi {

struct drift {
  std::vector<std::string> undocumented;  // registered, not in the document ("GET /x/{id}")
  std::vector<std::string> unregistered;  // in the document, not registered

  bool empty() const { return undocumented.empty() && unregistered.empty(); }
};

// Methods and path templates are compared as written (`{name}` included), so a renamed path parameter is
// drift too. HEAD is served by GET and is not compared.
drift compare(const std::vector<http::router::registered_route>& routes, const document& doc);

}  // namespace platform::openapi
