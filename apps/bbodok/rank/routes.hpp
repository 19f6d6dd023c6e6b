// Ranking route (contract §2 row 17).
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::member {
class service;
}

namespace bbodok::rank {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& ranks);

}  // namespace bbodok::rank
