// HTTP routes of matching (contract §2.7): /friend create, list, detail, update, delete and the join counter.
#pragma once

#include "platform/http/router.hpp"

namespace platform::cache {
class page_cache;
}

namespace daengtionary::member {
class service;
}

namespace daengtionary::matching {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& posts,
                     platform::cache::page_cache& pages);

}  // namespace daengtionary::matching
