// HTTP routes of my page (contract §2.3): profile, nickname and dogs.
#pragma once

#include "platform/http/router.hpp"

namespace daengtionary::member {
class service;
}

namespace daengtionary::mypage {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& dogs);

}  // namespace daengtionary::mypage
