// HTTP routes of places (contract §2.4): /hospital, /room and /shop with nine routes each, /query, and the
// place wish toggle (§2.8).
#pragma once

#include "platform/http/router.hpp"

namespace platform::cache {
class page_cache;
}

namespace daengtionary::member {
class service;
}

namespace daengtionary::place {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& places,
                     platform::cache::page_cache& pages);

}  // namespace daengtionary::place
