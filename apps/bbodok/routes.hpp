// Every feature's HTTP routes, one register function each, as app.cpp wires them (contract §2, §4.3).
#pragma once

#include "platform/http/router.hpp"

namespace bbodok {

namespace member {
class service;
// Rows 2, 3, 5-7: sign-in (Kakao, dev), token refresh, the caller's profile, web-push clients.
void register_routes(platform::http::router& routes, service& members);
}  // namespace member

namespace group {
class service;
// Rows 8-16: groups, memberships, colours, joining and leaving.
void register_routes(platform::http::router& routes, member::service& members, service& groups);
}  // namespace group

namespace rank {
class service;
// Row 17: a group's ranking.
void register_routes(platform::http::router& routes, member::service& members, service& ranks);
}  // namespace rank

namespace room {
class service;
// Rows 18-23: calendars, my rooms, entries and exits, the nearest reservation.
void register_routes(platform::http::router& routes, member::service& members, service& rooms);
}  // namespace room

namespace study {
class history;
// Row 24: study time per day.
void register_routes(platform::http::router& routes, member::service& members, history& histories);
}  // namespace study

namespace todo {
class service;
// Rows 25-28: one's todos in one's groups.
void register_routes(platform::http::router& routes, member::service& members, service& todos);
}  // namespace todo

namespace withdrawal {
class service;
// Row 4: leaving the service.
void register_routes(platform::http::router& routes, member::service& members, service& withdrawals);
}  // namespace withdrawal

namespace video {
class service;
// §4.3: LiveKit tokens and the SFU's URL, without credentials.
void register_routes(platform::http::router& routes, service& videos);
}  // namespace video

}  // namespace bbodok
