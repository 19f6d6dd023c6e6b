// Unit tests for platform::http::router: matching, captures, literal-vs-parameter priority, 404 vs 405.
#include "platform/http/router.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "platform/http/stream.hpp"
#include "platform/http/upgrade.hpp"
#include "platform/obs/platform_metrics.hpp"

namespace {

using platform::http::params;
using platform::http::request;
using platform::http::response;
using platform::http::router;
using platform::http::verb;
using platform::http::without_trailing_slash;

// A handler that carries an id, so a test can tell which registration a match points at without
// running a coroutine.
struct tagged {
  int id;
  platform::asio::awaitable<response> operator()(request) const { co_return response{}; }
};

int id_of(const router::match& m) {
  if (m.target == nullptr) return -1;
  const auto* handler = m.target->target<tagged>();
  return handler == nullptr ? -2 : handler->id;
}

struct tagged_stream {
  int id;
  platform::asio::awaitable<void> operator()(request, platform::http::response_writer&) const { co_return; }
};

int id_of(const router::stream_match& m) {
  if (m.target == nullptr) return -1;
  const auto* handler = m.target->target<tagged_stream>();
  return handler == nullptr ? -2 : handler->id;
}

params captured(std::initializer_list<std::pair<std::string, std::string>> pairs) { return params(pairs); }

TEST(Router, MatchesLiteralPathWhenRegistered) {
  router r;
  r.add(verb::get, "/place/list", tagged{1});
  r.add(verb::get, "/place/search", tagged{2});
  const auto m = r.find(verb::get, "/place/search");
  EXPECT_EQ(id_of(m), 2);
  EXPECT_TRUE(m.path_params.empty());
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, CapturesParametersWhenPatternHasThem) {
  router r;
  r.add(verb::get, "/hospital/{mapNo}/review/{reviewNo}", tagged{7});
  const auto m = r.find(verb::get, "/hospital/12/review/345");
  EXPECT_EQ(id_of(m), 7);
  EXPECT_EQ(m.path_params, captured({{"mapNo", "12"}, {"reviewNo", "345"}}));
}

TEST(Router, CapturesRawSegmentWhenItIsNotNumeric) {
  router r;
  r.add(verb::get, "/member/{nick}", tagged{1});
  const auto m = r.find(verb::get, "/member/댕댕이 1");
  EXPECT_EQ(id_of(m), 1);
  EXPECT_EQ(m.path_params, captured({{"nick", "댕댕이 1"}}));
}

TEST(Router, PrefersLiteralWhenParameterAlsoMatches) {
  router r;
  r.add(verb::get, "/friend/{id}", tagged{1});
  r.add(verb::get, "/friend/count", tagged{2});
  EXPECT_EQ(id_of(r.find(verb::get, "/friend/count")), 2);
  EXPECT_TRUE(r.find(verb::get, "/friend/count").path_params.empty());
  const auto m = r.find(verb::get, "/friend/42");
  EXPECT_EQ(id_of(m), 1);
  EXPECT_EQ(m.path_params, captured({{"id", "42"}}));
}

TEST(Router, PrefersLiteralRegardlessOfRegistrationOrder) {
  router r;
  r.add(verb::get, "/friend/count", tagged{2});
  r.add(verb::get, "/friend/{id}", tagged{1});
  EXPECT_EQ(id_of(r.find(verb::get, "/friend/count")), 2);
  EXPECT_EQ(id_of(r.find(verb::get, "/friend/9")), 1);
}

TEST(Router, BacktracksToParameterWhenLiteralBranchDeadEnds) {
  router r;
  r.add(verb::get, "/friend/count/{id}", tagged{1});
  r.add(verb::get, "/friend/{id}", tagged{2});
  r.add(verb::get, "/friend/{id}/detail", tagged{3});

  auto m = r.find(verb::get, "/friend/count/5");
  EXPECT_EQ(id_of(m), 1);
  EXPECT_EQ(m.path_params, captured({{"id", "5"}}));

  // "count" has no handler of its own: the literal branch ends without one, so {id} takes it.
  m = r.find(verb::get, "/friend/count");
  EXPECT_EQ(id_of(m), 2);
  EXPECT_EQ(m.path_params, captured({{"id", "count"}}));

  // The literal branch matches first, even though /friend/{id}/detail would match too.
  m = r.find(verb::get, "/friend/count/detail");
  EXPECT_EQ(id_of(m), 1);
  EXPECT_EQ(m.path_params, captured({{"id", "detail"}}));

  m = r.find(verb::get, "/friend/7/detail");
  EXPECT_EQ(id_of(m), 3);
  EXPECT_EQ(m.path_params, captured({{"id", "7"}}));
}

TEST(Router, DropsCapturesOfAbandonedBranchesWhenBacktracking) {
  router r;
  r.add(verb::get, "/{a}/x/end", tagged{1});
  r.add(verb::get, "/lit/{b}/other", tagged{2});
  // Tries /lit first (literal), then falls back to {a}; nothing from the /lit branch may leak.
  auto m = r.find(verb::get, "/lit/x/end");
  EXPECT_EQ(id_of(m), 1);
  EXPECT_EQ(m.path_params, captured({{"a", "lit"}}));

  m = r.find(verb::get, "/lit/y/other");
  EXPECT_EQ(id_of(m), 2);
  EXPECT_EQ(m.path_params, captured({{"b", "y"}}));
}

TEST(Router, ReturnsNotFoundWhenNoPathMatches) {
  router r;
  r.add(verb::get, "/hospital/{mapNo}", tagged{1});
  for (const char* path : {"/", "/hospital", "/hospital/1/2", "/hotel/1", "/HOSPITAL/1", ""}) {
    const auto m = r.find(verb::get, path);
    EXPECT_EQ(m.target, nullptr) << path;
    EXPECT_TRUE(m.allowed.empty()) << path;
    EXPECT_TRUE(m.path_params.empty()) << path;
  }
}

TEST(Router, ReturnsNotFoundWhenRouterIsEmpty) {
  router r;
  const auto m = r.find(verb::get, "/");
  EXPECT_EQ(m.target, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, ReturnsAllowedMethodsWhenMethodDoesNotMatch) {
  router r;
  r.add(verb::get, "/community/{postId}", tagged{1});
  r.add(verb::put, "/community/{postId}", tagged{2});
  r.add(verb::delete_, "/community/{postId}", tagged{3});
  const auto m = r.find(verb::post, "/community/3");
  EXPECT_EQ(m.target, nullptr);
  // HEAD is served by the GET handler, so it is allowed too.
  EXPECT_EQ(m.allowed, (std::vector<verb>{verb::delete_, verb::get, verb::put, verb::head}));
  EXPECT_TRUE(m.path_params.empty()) << "a 405 carries no captures";
}

TEST(Router, AnswersMethodNotAllowedWhenLiteralHasOtherMethodsOnly) {
  // Documented behaviour: the first node with any handler for the whole path decides; a literal that
  // only has POST does not fall back to a GET on the parameter sibling.
  router r;
  r.add(verb::get, "/friend/{id}", tagged{1});
  r.add(verb::post, "/friend/count", tagged{2});
  const auto m = r.find(verb::get, "/friend/count");
  EXPECT_EQ(m.target, nullptr);
  EXPECT_EQ(m.allowed, std::vector<verb>{verb::post});
}

TEST(Router, ServesHeadWithGetHandlerWhenNoHeadHandler) {
  router r;
  r.add(verb::get, "/place/{id}", tagged{1});
  const auto m = r.find(verb::head, "/place/8");
  EXPECT_EQ(id_of(m), 1);
  EXPECT_EQ(m.path_params, captured({{"id", "8"}}));
}

TEST(Router, PrefersHeadHandlerWhenOneIsRegistered) {
  router r;
  r.add(verb::get, "/place", tagged{1});
  r.add(verb::head, "/place", tagged{2});
  EXPECT_EQ(id_of(r.find(verb::head, "/place")), 2);
  EXPECT_EQ(id_of(r.find(verb::get, "/place")), 1);
}

TEST(Router, AnswersMethodNotAllowedForHeadWhenOnlyPostExists) {
  router r;
  r.add(verb::post, "/place", tagged{1});
  const auto m = r.find(verb::head, "/place");
  EXPECT_EQ(m.target, nullptr);
  EXPECT_EQ(m.allowed, std::vector<verb>{verb::post});
}

TEST(Router, DoesNotServeGetWithHeadHandler) {
  router r;
  r.add(verb::head, "/ping", tagged{1});
  const auto m = r.find(verb::get, "/ping");
  EXPECT_EQ(m.target, nullptr);
  EXPECT_EQ(m.allowed, std::vector<verb>{verb::head});
}

TEST(Router, MatchesRootWhenRootIsRegistered) {
  router r;
  r.add(verb::get, "/", tagged{1});
  r.add(verb::get, "/{id}", tagged{2});
  EXPECT_EQ(id_of(r.find(verb::get, "/")), 1);
  EXPECT_TRUE(r.find(verb::get, "/").path_params.empty());
  EXPECT_EQ(id_of(r.find(verb::get, "/5")), 2);
}

TEST(Router, DoesNotMatchRootWhenOnlyChildrenAreRegistered) {
  router r;
  r.add(verb::get, "/{id}", tagged{2});
  const auto m = r.find(verb::get, "/");
  EXPECT_EQ(m.target, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, IgnoresTrailingSlashWhenPatternHasOne) {
  router r;
  r.add(verb::get, "/friend/", tagged{1});
  EXPECT_EQ(id_of(r.find(verb::get, "/friend")), 1);
  // Registering "/friend" again is the same route.
  EXPECT_THROW(r.add(verb::get, "/friend", tagged{2}), std::logic_error);
}

TEST(Router, DoesNotMatchParameterWhenSegmentIsEmpty) {
  router r;
  r.add(verb::get, "/hospital/{mapNo}/x", tagged{1});
  r.add(verb::get, "/hospital/{mapNo}", tagged{2});
  EXPECT_EQ(r.find(verb::get, "/hospital//x").target, nullptr);
  EXPECT_TRUE(r.find(verb::get, "/hospital//x").allowed.empty());
  EXPECT_TRUE(r.find(verb::get, "/hospital//x").path_params.empty());
  EXPECT_EQ(id_of(r.find(verb::get, "/hospital/3/x")), 1);
}

TEST(Router, DoesNotMatchWhenPathHasExtraEmptySegment) {
  router r;
  r.add(verb::get, "/hospital/{mapNo}", tagged{1});
  EXPECT_EQ(r.find(verb::get, "/hospital/1//").target, nullptr);
  EXPECT_EQ(r.find(verb::get, "//hospital/1").target, nullptr);
}

TEST(Router, ThrowsWhenSameMethodAndPatternAreRegisteredTwice) {
  router r;
  r.add(verb::get, "/hospital/{mapNo}", tagged{1});
  EXPECT_THROW(r.add(verb::get, "/hospital/{mapNo}", tagged{2}), std::logic_error);
  EXPECT_NO_THROW(r.add(verb::post, "/hospital/{mapNo}", tagged{3}));
  // The first registration is kept.
  EXPECT_EQ(id_of(r.find(verb::get, "/hospital/1")), 1);
}

TEST(Router, ThrowsWhenParameterNamesConflictAtSameDepth) {
  router r;
  r.add(verb::get, "/hospital/{mapNo}", tagged{1});
  EXPECT_THROW(r.add(verb::put, "/hospital/{id}", tagged{2}), std::logic_error);
  EXPECT_THROW(r.add(verb::get, "/hospital/{id}/review", tagged{3}), std::logic_error);
  EXPECT_NO_THROW(r.add(verb::get, "/hospital/{mapNo}/review", tagged{4}));
}

TEST(Router, TreatsEmptyBracesAsLiteralWhenNoNameIsGiven) {
  router r;
  r.add(verb::get, "/a/{}", tagged{1});
  EXPECT_EQ(id_of(r.find(verb::get, "/a/{}")), 1);
  EXPECT_EQ(r.find(verb::get, "/a/x").target, nullptr);
}

TEST(Router, KeepsRoutesWhenMoved) {
  router r;
  r.add(verb::get, "/a/{x}", tagged{5});
  router moved(std::move(r));
  const auto m = moved.find(verb::get, "/a/b");
  EXPECT_EQ(id_of(m), 5);
  EXPECT_EQ(m.path_params, captured({{"x", "b"}}));
}

TEST(Router, FindsStreamRoutesAndCountsThemAsAllowedMethods) {
  router r;
  r.add(verb::options, "/s/{id}/xhr_streaming", tagged{1});
  r.add_stream(verb::post, "/s/{id}/xhr_streaming", tagged_stream{2});
  const auto streamed = r.find_stream(verb::post, "/s/abc/xhr_streaming");
  EXPECT_EQ(id_of(streamed), 2);
  EXPECT_EQ(streamed.path_params, captured({{"id", "abc"}}));
  EXPECT_EQ(r.find_stream(verb::get, "/s/abc/xhr_streaming").target, nullptr);
  EXPECT_EQ(r.find_stream(verb::options, "/s/abc/xhr_streaming").target, nullptr) << "a plain route";

  // find() never returns the stream route, but a wrong method is a 405 that names it.
  const auto wrong = r.find(verb::get, "/s/abc/xhr_streaming");
  EXPECT_EQ(wrong.target, nullptr);
  EXPECT_EQ(wrong.allowed, (std::vector<verb>{verb::options, verb::post}));
  EXPECT_EQ(r.find(verb::post, "/s/abc/xhr_streaming").target, nullptr);
}

TEST(Router, ThrowsWhenAStreamAndAPlainRouteShareMethodAndPattern) {
  router r;
  r.add(verb::post, "/a", tagged{1});
  EXPECT_THROW(r.add_stream(verb::post, "/a", tagged_stream{2}), std::logic_error);
  r.add_stream(verb::post, "/b", tagged_stream{3});
  EXPECT_THROW(r.add(verb::post, "/b", tagged{4}), std::logic_error);
  EXPECT_THROW(r.add_stream(verb::post, "/b", tagged_stream{5}), std::logic_error);
}

TEST(Router, RunsDrainHooksInRegistrationOrder) {
  router r;
  std::vector<int> ran;
  r.on_drain([&ran] { ran.push_back(1); });
  r.on_drain([&ran] { ran.push_back(2); });
  r.notify_drain();
  EXPECT_EQ(ran, (std::vector<int>{1, 2}));
}

// Whether the process's metrics (labelled service="router_test") hold this text.
bool has_series(const std::string& series) {
  return platform::obs::render_metrics("router_test").find(series) != std::string::npos;
}

TEST(Router, GivesEachMatchTheMetricsOfItsRouteTemplateAndMethod) {
  router r;
  r.add(verb::get, "/walks/{walkNo}/", tagged{1});
  r.add(verb::delete_, "/walks/{walkNo}", tagged{2});
  r.add_stream(verb::post, "/walks/{walkNo}/live", tagged_stream{3});
  const auto get = r.find(verb::get, "/walks/7");
  const auto head = r.find(verb::head, "/walks/8");
  ASSERT_NE(get.measured, nullptr);
  EXPECT_EQ(get.measured, head.measured) << "HEAD is served, and counted, by the GET handler";
  EXPECT_NE(get.measured, r.find(verb::delete_, "/walks/7").measured);
  EXPECT_NE(r.find_stream(verb::post, "/walks/7/live").measured, nullptr);
  EXPECT_EQ(r.find(verb::get, "/walks").measured, nullptr);
  EXPECT_EQ(r.find(verb::post, "/walks/7").measured, nullptr);

  get.measured->record(204, std::chrono::milliseconds(3));
  EXPECT_TRUE(has_series(
      "http_requests_total{service=\"router_test\",route=\"/walks/{walkNo}\",method=\"GET\",status=\"2xx\"} 1\n"));
  EXPECT_FALSE(has_series("route=\"/walks/7\""));
}

TEST(Router, GivesAWebSocketEndpointTheMetricsOfItsPattern) {
  router r;
  r.add_websocket("/ws/{room}", platform::http::websocket_endpoint{});
  const auto found = r.find_websocket("/ws/lobby");
  ASSERT_NE(found.measured, nullptr);
  found.measured->record(101, std::chrono::milliseconds(1));
  EXPECT_TRUE(has_series(
      "http_requests_total{service=\"router_test\",route=\"/ws/{room}\",method=\"GET\",status=\"1xx\"} 1\n"));
}

TEST(Router, WithoutTrailingSlashRemovesOneSlashWhenPresent) {
  EXPECT_EQ(without_trailing_slash("/friend/"), "/friend");
  EXPECT_EQ(without_trailing_slash("/friend"), "/friend");
  EXPECT_EQ(without_trailing_slash("/"), "/");
  EXPECT_EQ(without_trailing_slash(""), "");
  EXPECT_EQ(without_trailing_slash("/a//"), "/a/");
}

}  // namespace
