// Unit tests for platform::http::router::registered_routes: what a check against a description of the routes sees.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "platform/http/router.hpp"
#include "platform/http/stream.hpp"

namespace {

using platform::http::request;
using platform::http::response;
using platform::http::router;
using platform::http::verb;

platform::asio::awaitable<response> plain(request) { co_return response{}; }
platform::asio::awaitable<void> streamed(request, platform::http::response_writer&) { co_return; }

std::vector<std::string> listed(const router& r) {
  std::vector<std::string> out;
  for (const auto& route : r.registered_routes()) {
    out.push_back(std::string(platform::http::beast_http::to_string(route.method)) + " " + route.pattern);
  }
  return out;
}

TEST(RouterRegisteredRoutes, ListsPlainAndStreamRoutesWithParameterNamesLiteralsFirst) {
  router r;
  r.add(verb::get, "/", plain);
  r.add(verb::get, "/hospital/{mapNo}", plain);
  r.add(verb::patch, "/hospital/{mapNo}", plain);
  r.add(verb::post, "/hospital/review/create/{mapNo}", plain);
  r.add_stream(verb::post, "/wss/chat/{server}/{session}/xhr", streamed);
  EXPECT_EQ(listed(r),
            (std::vector<std::string>{"GET /", "POST /hospital/review/create/{mapNo}", "GET /hospital/{mapNo}",
                                      "PATCH /hospital/{mapNo}", "POST /wss/chat/{server}/{session}/xhr"}));
}

TEST(RouterRegisteredRoutes, ListsATrailingSlashPatternWithoutIt) {
  router r;
  r.add(verb::get, "/friend/", plain);
  EXPECT_EQ(listed(r), (std::vector<std::string>{"GET /friend"}));
}

TEST(RouterRegisteredRoutes, IsEmptyForAnEmptyRouter) {
  router r;
  EXPECT_TRUE(r.registered_routes().empty());
}

}  // namespace
