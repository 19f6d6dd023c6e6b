// Parsing the OpenAPI document for what the drift check needs.
#include "platform/openapi/document.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <boost/json.hpp>

namespace platform::openapi {
namespace {

// OpenAPI's operation keys under a path item (other keys there are `parameters`, `summary`, ...).
constexpr std::array<std::string_view, 8> methods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

}  // namespace

document parse_document(std::string text) {
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(text, ec);
  if (ec) throw std::runtime_error("not JSON: " + ec.message());
  const auto* paths = root.is_object() ? root.as_object().if_contains("paths") : nullptr;
  if (paths == nullptr || !paths->is_object()) throw std::runtime_error("no `paths` object");

  document doc;
  for (const auto& [path, item] : paths->as_object()) {
    if (!item.is_object()) throw std::runtime_error("path item " + std::string(path) + " is not an object");
    for (std::string_view method : methods) {
      if (item.as_object().contains(method)) doc.operations.push_back(upper(method) + " " + std::string(path));
    }
  }
  if (const auto* realtime = root.as_object().if_contains("x-realtime")) {
    if (!realtime->is_array()) throw std::runtime_error("`x-realtime` is not an array");
    for (const auto& endpoint : realtime->as_array()) {
      const auto* path = endpoint.is_object() ? endpoint.as_object().if_contains("path") : nullptr;
      if (path == nullptr || !path->is_string()) throw std::runtime_error("an `x-realtime` entry has no `path`");
      doc.realtime_paths.emplace_back(path->as_string());
    }
  }
  doc.text = std::move(text);
  return doc;
}

std::optional<document> load_document(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read " + file.string());
  try {
    return parse_document(std::move(text).str());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
}

}  // namespace platform::openapi
