// /info body; fixed keys, so plain concatenation is exact and needs no JSON library.
#include "platform/sockjs/info.hpp"

namespace platform::sockjs {

std::string info_json(bool websocket_enabled, bool cookie_needed, std::uint32_t entropy) {
  std::string body = R"({"websocket":)";
  body += websocket_enabled ? "true" : "false";
  body += R"(,"origins":["*:*"],"cookie_needed":)";
  body += cookie_needed ? "true" : "false";
  body += R"(,"entropy":)";
  body += std::to_string(entropy);
  body += '}';
  return body;
}

}  // namespace platform::sockjs
