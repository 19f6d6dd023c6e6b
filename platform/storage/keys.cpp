// Key validation and the key <-> URL mapping shared by the stores.
#include "platform/storage/keys.hpp"

#include <stdexcept>

namespace platform::storage {
namespace {

constexpr std::size_t max_key_size = 128;

std::string_view trim_slashes(std::string_view s) {
  while (s.starts_with('/')) {
    s.remove_prefix(1);
  }
  while (s.ends_with('/')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > max_key_size || key.front() == '.' || key.find("..") != std::string_view::npos) {
    return false;
  }
  for (const char c : key) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

url_scheme::url_scheme(std::string_view base, std::string_view prefix) {
  while (base.ends_with('/')) {
    base.remove_suffix(1);
  }
  base_ = std::string(base) + '/';
  if (const auto trimmed = trim_slashes(prefix); !trimmed.empty()) {
    base_ += trimmed;
    base_ += '/';
  }
}

std::string url_scheme::url(std::string_view key) const {
  if (!is_valid_key(key)) {
    throw std::invalid_argument("invalid object key");
  }
  return base_ + std::string(key);
}

std::optional<std::string> url_scheme::key(std::string_view url) const {
  if (!url.starts_with(base_)) {
    return std::nullopt;
  }
  const std::string_view key = url.substr(base_.size());
  if (!is_valid_key(key)) {
    return std::nullopt;
  }
  return std::string(key);
}

}  // namespace platform::storage
