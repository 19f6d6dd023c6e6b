// HTTP routes of the member feature (contract §2.2).
#pragma once

#include "platform/http/router.hpp"

namespace daengtionary::member {

class service;

void register_routes(platform::http::router& routes, service& members);

}  // namespace daengtionary::member
