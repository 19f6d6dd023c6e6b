// Every feature's HTTP routes, one register function each, as app.cpp wires them (contract §2).
#pragma once

#include "platform/http/router.hpp"

namespace platform::cache {
class page_cache;
}
namespace platform::io {
class blocking_pool;
}
namespace platform::storage {
class object_store;
}

namespace daengtionary {

namespace member {
class service;
// §2.2: duplicate checks, sign-up, email and Kakao login.
void register_routes(platform::http::router& routes, service& members);
}  // namespace member

namespace mypage {
class service;
// §2.3: profile, nickname and dogs.
void register_routes(platform::http::router& routes, member::service& members, service& dogs);
}  // namespace mypage

namespace place {
class service;
// §2.4: /hospital, /room and /shop with nine routes each, /query, and the place wish toggle (§2.8).
void register_routes(platform::http::router& routes, member::service& members, service& places,
                     platform::cache::page_cache& pages);
}  // namespace place

namespace community {
class service;
// §2.5: posts, comments, the post wish toggle (§2.8) and my page's own posts (§2.3, /mypage/mypost/community).
void register_routes(platform::http::router& routes, member::service& members, service& posts,
                     platform::cache::page_cache& pages);
}  // namespace community

namespace trade {
class service;
// §2.6: /trade/*, the trade wish toggle (§2.8) and /mypage/mypost/trade (§2.3).
void register_routes(platform::http::router& routes, member::service& members, service& trades,
                     platform::cache::page_cache& pages);
}  // namespace trade

namespace matching {
class service;
// §2.7: /friend create, list, detail, update, delete and the join counter.
void register_routes(platform::http::router& routes, member::service& members, service& posts,
                     platform::cache::page_cache& pages);
}  // namespace matching

namespace chat {
class service;
// §2.9: personal rooms, joining group rooms, the room list and the history.
void register_routes(platform::http::router& routes, member::service& members, service& chats);
}  // namespace chat

namespace site {
// Outside the features: the root health check, /health, and the stored images.
void register_routes(platform::http::router& routes, platform::storage::object_store& images,
                     platform::io::blocking_pool& pool);
}  // namespace site

}  // namespace daengtionary
