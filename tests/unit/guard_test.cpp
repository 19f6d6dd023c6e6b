// platform::http::bind_guarded: the handler runs only for an admitted request, with its principal; a refused
// request gets the refusal and never reaches the handler.
#include "platform/http/guard.hpp"

#include <optional>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

namespace {

namespace asio = boost::asio;
namespace http = platform::http;

struct context {
  int& handled;  // how often the guarded handler ran
};

// Admits a request whose Authorization header is "Bearer <name>", with <name> as its principal.
struct by_header {
  asio::awaitable<std::optional<std::string>> operator()(context, http::request req) const {
    const std::string value(req.header("Authorization"));
    if (!value.starts_with("Bearer ")) co_return std::nullopt;
    co_return value.substr(7);
  }
};

struct refuse_401 {
  http::response operator()(const std::optional<std::string>&) const {
    return http::json_response(http::status::unauthorized, R"({"refused":true})");
  }
};

asio::awaitable<http::response> greet(context ctx, http::request, std::string principal) {
  ++ctx.handled;
  co_return http::json_response(http::status::ok, "hello " + principal);
}

http::response call(const http::handler& route, std::optional<std::string> authorization) {
  http::request req;
  if (authorization) req.raw.set("Authorization", *authorization);
  asio::io_context io;
  auto answer = asio::co_spawn(io, route(std::move(req)), asio::use_future);
  io.run();
  return answer.get();
}

TEST(Guard, RunsTheHandlerWithThePrincipalWhenAdmitted) {
  int handled = 0;
  const auto route = http::bind_guarded(context{handled}, by_header{}, refuse_401{}, greet);
  const auto res = call(route, "Bearer dog");
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res.body(), "hello dog");
  EXPECT_EQ(handled, 1);
}

TEST(Guard, AnswersTheRefusalWithoutCallingTheHandlerWhenRefused) {
  int handled = 0;
  const auto route = http::bind_guarded(context{handled}, by_header{}, refuse_401{}, greet);
  for (const auto& authorization : {std::optional<std::string>(), std::optional<std::string>("Basic x")}) {
    const auto res = call(route, authorization);
    EXPECT_EQ(res.result(), http::status::unauthorized);
    EXPECT_EQ(res.body(), R"({"refused":true})");
  }
  EXPECT_EQ(handled, 0);
}

}  // namespace
