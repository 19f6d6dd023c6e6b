// Group routes (contract §2 rows 8-16).
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::member {
class service;
}

namespace bbodok::group {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& groups);

}  // namespace bbodok::group
