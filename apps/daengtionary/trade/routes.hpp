// HTTP routes of the market (contract §2.6): /trade/*, the trade wish toggle (§2.8) and
// /mypage/mypost/trade (§2.3).
#pragma once

#include "platform/http/router.hpp"

namespace platform::cache {
class page_cache;
}

namespace daengtionary::member {
class service;
}

namespace daengtionary::trade {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& trades,
                     platform::cache::page_cache& pages);

}  // namespace daengtionary::trade
