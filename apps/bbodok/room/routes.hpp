// HTTP routes of rooms (contract §2.3 rows 18–23).
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::member {
class service;
}

namespace bbodok::room {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& rooms);

}  // namespace bbodok::room
