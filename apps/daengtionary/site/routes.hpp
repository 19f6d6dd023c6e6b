// Routes outside the features: the root health check, /health, and the stored images.
#pragma once

#include "platform/http/router.hpp"

namespace platform::io {
class blocking_pool;
}
namespace platform::storage {
class object_store;
}

namespace daengtionary::site {

void register_routes(platform::http::router& routes, platform::storage::object_store& images,
                     platform::io::blocking_pool& pool);

}  // namespace daengtionary::site
