// Todo routes (contract §2 rows 25-28).
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::member {
class service;
}

namespace bbodok::todo {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& todos);

}  // namespace bbodok::todo
