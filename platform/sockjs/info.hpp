// The /info document sockjs-client fetches before choosing a transport.
#pragma once

#include <cstdint>
#include <string>

namespace platform::sockjs {

// {"websocket":true,"origins":["*:*"],"cookie_needed":false,"entropy":123}. `entropy` must be a fresh
// random number per request (the client seeds its id generator with it); the caller supplies it so
// that this stays deterministic.
std::string info_json(bool websocket_enabled, bool cookie_needed, std::uint32_t entropy);

}  // namespace platform::sockjs
