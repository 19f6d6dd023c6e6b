// HTTP routes of the community (contract §2.5): posts, comments, the post wish toggle (§2.8) and my page's
// list of one's own posts (§2.3, GET /mypage/mypost/community).
#pragma once

#include "platform/http/router.hpp"

namespace platform::cache {
class page_cache;
}

namespace daengtionary::member {
class service;
}

namespace daengtionary::community {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& posts,
                     platform::cache::page_cache& pages);

}  // namespace daengtionary::community
