// Withdrawal route (contract §2 row 4).
#pragma once

#include "platform/http/router.hpp"

namespace bbodok::member {
class service;
}

namespace bbodok::withdrawal {

class service;

void register_routes(platform::http::router& routes, member::service& members, service& withdrawals);

}  // namespace bbodok::withdrawal
