// HTTP route of the study history (contract §2.3 row 24).
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::member {
class service;
}

namespace bbodok::study {

class history;

void register_routes(platform::http::router& routes, member::service& members, history& histories);

}  // namespace bbodok::study
