// Where a Redis server is: the kv.url setting ("redis://host:port[/db]") taken apart.
#pragma once

#include <string>
#include <string_view>

namespace platform::kv {

struct redis_endpoint {
  std::string host;
  unsigned short port = 6379;
  int database = 0;
};

// Throws std::invalid_argument for anything but redis://host[:port][/db] (no credentials, no TLS: a Redis
// on the private network, as the deployment notes in docs/architecture.md say).
redis_endpoint parse_redis_url(std::string_view url);

}  // namespace platform::kv
