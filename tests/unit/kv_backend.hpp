// The kv backends the shared kv tests run against: in-process, and Redis on a throw-away redis-server.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "platform/kv/client_thread.hpp"
#include "platform/kv/redis_url.hpp"
#include "redis_server.hpp"

namespace test_unit {

enum class kv_kind { in_process, redis };

inline std::string kv_kind_name(const testing::TestParamInfo<kv_kind>& info) {
  return info.param == kv_kind::in_process ? "InProcess" : "Redis";
}

inline constexpr const char* no_redis_server =
    "redis-server is not installed (scripts/bootstrap installs it): Redis case skipped";

// What a Redis backend needs around it: a server of its own and the client thread. Declare it before the
// backend under test, so that the backend closes its connections while the thread still runs.
class redis_fixture {
 public:
  redis_fixture() : thread_(std::make_unique<platform::kv::client_thread>()) {}

  platform::kv::redis_endpoint endpoint() const { return platform::kv::parse_redis_url(server_.url()); }
  platform::asio::any_io_executor executor() { return thread_->executor(); }
  test_support::redis_server& server() { return server_; }

 private:
  test_support::redis_server server_;
  std::unique_ptr<platform::kv::client_thread> thread_;
};

}  // namespace test_unit
