// Segment trie behind the router.
#include "platform/http/router.hpp"

#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "platform/http/stream.hpp"
#include "platform/http/upgrade.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace platform::http {

struct router::node {
  std::map<std::string, std::unique_ptr<node>, std::less<>> literals;
  std::unique_ptr<node> parameter;
  std::string parameter_name;
  std::map<verb, handler> handlers;
  std::map<verb, stream_handler> streams;
  std::map<verb, obs::http_route> measured;  // per method of handlers and streams, labelled with the pattern

  bool has_routes() const { return !handlers.empty() || !streams.empty(); }
  std::unique_ptr<websocket_endpoint> websocket;
  std::optional<obs::http_route> websocket_measured;
};

namespace {

// Splits "/a/b" into {"a", "b"}; "/" into {}.
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = path.starts_with('/') ? 1 : 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

router::router() : root_(std::make_unique<node>()) {}
router::router(router&&) noexcept = default;
router& router::operator=(router&&) noexcept = default;
router::~router() = default;

router::node& router::node_for(std::string_view pattern) {
  node* current = root_.get();
  for (std::string_view segment : segments(without_trailing_slash(pattern))) {
    if (is_parameter(segment)) {
      std::string name(segment.substr(1, segment.size() - 2));
      if (!current->parameter) {
        current->parameter = std::make_unique<node>();
        current->parameter_name = name;
      } else if (current->parameter_name != name) {
        throw std::logic_error("conflicting parameter names at " + std::string(pattern));
      }
      current = current->parameter.get();
    } else {
      auto& child = current->literals[std::string(segment)];
      if (!child) child = std::make_unique<node>();
      current = child.get();
    }
  }
  return *current;
}

void router::add(verb method, std::string_view pattern, handler h) {
  node& at = node_for(pattern);
  if (at.streams.contains(method) || !at.handlers.emplace(method, std::move(h)).second) {
    throw std::logic_error("route registered twice: " + std::string(pattern));
  }
  at.measured.try_emplace(method, without_trailing_slash(pattern), beast_http::to_string(method));
}

void router::add_stream(verb method, std::string_view pattern, stream_handler h) {
  node& at = node_for(pattern);
  if (at.handlers.contains(method) || !at.streams.emplace(method, std::move(h)).second) {
    throw std::logic_error("route registered twice: " + std::string(pattern));
  }
  at.measured.try_emplace(method, without_trailing_slash(pattern), beast_http::to_string(method));
}

namespace {

// Depth-first, literals before parameters; the first node that `serves` the whole path decides (for
// HTTP: between a match and 405). Captures are pushed on the way down and popped on backtracking.
template <class Node, class Serves>
const Node* walk(const Node* at, const std::vector<std::string_view>& parts, std::size_t depth, params& captured,
                 const Serves& serves) {
  if (depth == parts.size()) return serves(*at) ? at : nullptr;
  if (auto it = at->literals.find(parts[depth]); it != at->literals.end()) {
    if (const Node* found = walk(it->second.get(), parts, depth + 1, captured, serves)) return found;
  }
  if (at->parameter && !parts[depth].empty()) {
    captured.emplace_back(at->parameter_name, std::string(parts[depth]));
    if (const Node* found = walk(at->parameter.get(), parts, depth + 1, captured, serves)) return found;
    captured.pop_back();
  }
  return nullptr;
}

}  // namespace

router::match router::find(verb method, std::string_view path) const {
  const auto parts = segments(path);
  match result;
  const node* target = walk(root_.get(), parts, 0, result.path_params, [](const node& at) { return at.has_routes(); });
  if (target == nullptr) return result;
  if (auto it = target->handlers.find(method); it != target->handlers.end()) {
    result.target = &it->second;
    result.measured = &target->measured.at(method);
    return result;
  }
  // HEAD is served by GET handlers, as every HTTP server is expected to.
  if (method == verb::head) {
    if (auto it = target->handlers.find(verb::get); it != target->handlers.end()) {
      result.target = &it->second;
      result.measured = &target->measured.at(verb::get);
      return result;
    }
  }
  result.path_params.clear();
  for (const auto& [allowed, _] : target->handlers) result.allowed.push_back(allowed);
  for (const auto& [allowed, _] : target->streams) result.allowed.push_back(allowed);
  if (target->handlers.contains(verb::get) && !target->handlers.contains(verb::head)) {
    result.allowed.push_back(verb::head);
  }
  return result;
}

void router::add_websocket(std::string_view pattern, websocket_endpoint endpoint) {
  node& at = node_for(pattern);
  if (at.websocket) throw std::logic_error("WebSocket endpoint registered twice: " + std::string(pattern));
  at.websocket = std::make_unique<websocket_endpoint>(std::move(endpoint));
  at.websocket_measured.emplace(without_trailing_slash(pattern), "GET");
}

router::websocket_match router::find_websocket(std::string_view path) const {
  websocket_match result;
  const node* target =
      walk(root_.get(), segments(path), 0, result.path_params, [](const node& at) { return at.websocket != nullptr; });
  if (target == nullptr) return {};
  result.target = target->websocket.get();
  result.measured = &*target->websocket_measured;
  return result;
}

router::stream_match router::find_stream(verb method, std::string_view path) const {
  stream_match result;
  const node* target =
      walk(root_.get(), segments(path), 0, result.path_params, [](const node& at) { return at.has_routes(); });
  if (target == nullptr) return {};
  auto it = target->streams.find(method);
  if (it == target->streams.end()) return {};
  result.target = &it->second;
  result.measured = &target->measured.at(method);
  return result;
}

void router::on_drain(std::function<void()> hook) { drain_hooks_.push_back(std::move(hook)); }

void router::notify_drain() const {
  for (const auto& hook : drain_hooks_) hook();
}

namespace {

template <class Node>
void list_routes(const Node& at, const std::string& prefix, std::vector<router::registered_route>& out) {
  const std::string pattern = prefix.empty() ? "/" : prefix;
  for (const auto& [method, _] : at.handlers) out.push_back({method, pattern});
  for (const auto& [method, _] : at.streams) out.push_back({method, pattern});
  for (const auto& [segment, child] : at.literals) list_routes(*child, fmt::format("{}/{}", prefix, segment), out);
  if (at.parameter) list_routes(*at.parameter, fmt::format("{}/{{{}}}", prefix, at.parameter_name), out);
}

}  // namespace

std::vector<router::registered_route> router::registered_routes() const {
  std::vector<registered_route> out;
  list_routes(*root_, "", out);
  return out;
}

std::string_view without_trailing_slash(std::string_view path) {
  if (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  return path;
}

}  // namespace platform::http
