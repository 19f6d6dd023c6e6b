// SockJS URL scheme (sockjs-protocol 0.3.3, "Static URLs" and "Session URLs").
#include "platform/sockjs/url.hpp"

#include <array>
#include <utility>

namespace platform::sockjs {

namespace {

// The protocol forbids dots so that ids can never be "." or ".." path segments.
bool valid_id(std::string_view id) { return !id.empty() && id.find('.') == std::string_view::npos; }

// sockjs-node and Spring accept /iframe[0-9-.a-z_]*.html; the version part lets clients bust caches.
bool is_iframe(std::string_view rest) {
  constexpr std::string_view head = "/iframe";
  constexpr std::string_view tail = ".html";
  if (rest.size() < head.size() + tail.size() || !rest.starts_with(head) || !rest.ends_with(tail)) return false;
  for (const char c : rest.substr(head.size(), rest.size() - head.size() - tail.size())) {
    const bool allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '.' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

std::optional<transport> transport_named(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, transport>, 8> names{{
      {"websocket", transport::websocket},
      {"xhr", transport::xhr},
      {"xhr_send", transport::xhr_send},
      {"xhr_streaming", transport::xhr_streaming},
      {"eventsource", transport::unsupported},
      {"htmlfile", transport::unsupported},
      {"jsonp", transport::unsupported},
      {"jsonp_send", transport::unsupported},
  }};
  for (const auto& [known, kind] : names) {
    if (known == name) return kind;
  }
  return std::nullopt;
}

// Splits off the text before the next '/', leaving `rest` after it (or empty).
std::string_view next_segment(std::string_view& rest) {
  const auto slash = rest.find('/');
  const std::string_view segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return segment;
}

}  // namespace

std::optional<route> parse_path(std::string_view prefix, std::string_view path) {
  if (!path.starts_with(prefix)) return std::nullopt;
  std::string_view rest = path.substr(prefix.size());
  if (rest.empty() || rest == "/") return greeting_route{};
  if (rest.front() != '/') return std::nullopt;  // "/wss/chatroom" is not under "/wss/chat"
  if (rest == "/info") return info_route{};
  if (rest == "/websocket") return raw_websocket_route{};
  if (is_iframe(rest)) return iframe_route{};

  rest.remove_prefix(1);
  const std::string_view server_id = next_segment(rest);
  const std::string_view session_id = next_segment(rest);
  if (!valid_id(server_id) || !valid_id(session_id)) return std::nullopt;
  const auto kind = transport_named(rest);  // a name with a further '/' matches none
  if (!kind) return std::nullopt;
  return session_route{std::string(server_id), std::string(session_id), *kind};
}

}  // namespace platform::sockjs
