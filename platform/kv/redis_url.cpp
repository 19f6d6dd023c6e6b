// Parsing of redis:// URLs.
#include "platform/kv/redis_url.hpp"

#include <charconv>
#include <stdexcept>

namespace platform::kv {
namespace {

template <class Number>
Number number_in(std::string_view text, std::string_view url, Number low, Number high) {
  Number value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < low || value > high)
    throw std::invalid_argument("kv.url: bad number in " + std::string(url));
  return value;
}

}  // namespace

redis_endpoint parse_redis_url(std::string_view url) {
  constexpr std::string_view scheme = "redis://";
  if (!url.starts_with(scheme)) throw std::invalid_argument("kv.url: not a redis:// URL: " + std::string(url));
  std::string_view rest = url.substr(scheme.size());
  redis_endpoint endpoint;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    endpoint.database = number_in(rest.substr(slash + 1), url, 0, 1'000'000);
    rest = rest.substr(0, slash);
  }
  if (rest.find('@') != std::string_view::npos)
    throw std::invalid_argument("kv.url: credentials are not supported: " + std::string(url));
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    endpoint.port = number_in<unsigned short>(rest.substr(colon + 1), url, 1, 65535);
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) throw std::invalid_argument("kv.url: no host in " + std::string(url));
  endpoint.host = std::string(rest);
  return endpoint;
}

}  // namespace platform::kv
