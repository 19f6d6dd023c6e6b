// Member routes (contract §2 rows 2, 3, 5-7): sign-in, token refresh, the caller's profile, web-push clients.
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::member {

class service;

void register_routes(platform::http::router& routes, service& members);

}  // namespace bbodok::member
