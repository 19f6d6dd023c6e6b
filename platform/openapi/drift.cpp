// Comparing registered routes with documented operations.
#include "platform/openapi/drift.hpp"

#include <algorithm>
#include <set>

namespace platform::openapi {
namespace {

bool under(const std::string& pattern, const std::string& prefix) {
  return pattern == prefix || (pattern.starts_with(prefix) && pattern[prefix.size()] == '/');
}

bool realtime(const document& doc, const std::string& pattern) {
  return std::any_of(doc.realtime_paths.begin(), doc.realtime_paths.end(),
                     [&](const std::string& prefix) { return under(pattern, prefix); });
}

}  // namespace

drift compare(const std::vector<http::router::registered_route>& routes, const document& doc) {
  std::set<std::string> registered;
  drift result;
  for (const auto& route : routes) {
    if (realtime(doc, route.pattern)) continue;
    std::string key = std::string(http::beast_http::to_string(route.method)) + " " + route.pattern;
    registered.insert(key);
    if (std::find(doc.operations.begin(), doc.operations.end(), key) == doc.operations.end()) {
      result.undocumented.push_back(std::move(key));
    }
  }
  for (const auto& operation : doc.operations) {
    if (!registered.contains(operation)) result.unregistered.push_back(operation);
  }
  return result;
}

}  // namespace platform::openapi
