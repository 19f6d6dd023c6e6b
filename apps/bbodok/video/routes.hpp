// The LiveKit routes the frontend calls without credentials (contract §4.3): /video/getToken, /video/api/url.
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::video {

class service;

void register_routes(platform::http::router& routes, service& videos);

}  // namespace bbodok::video
