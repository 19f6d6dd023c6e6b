// Unit tests for CORS preflight answers and the headers added to actual responses.
#include "platform/http/cors.hpp"

#include <string>

#include <gtest/gtest.h>

namespace {

using platform::http::add_cors_headers;
using platform::http::answer_preflight;
using platform::http::cors_policy;
using platform::http::raw_request;
using platform::http::response;
using platform::http::status;
using platform::http::text_response;
using platform::http::verb;
using field = platform::http::beast_http::field;

raw_request preflight(std::string_view origin, std::string_view method = "POST", std::string_view headers = "") {
  raw_request req{verb::options, "/community", 11};
  if (!origin.empty()) req.set(field::origin, origin);
  if (!method.empty()) req.set(field::access_control_request_method, method);
  if (!headers.empty()) req.set(field::access_control_request_headers, headers);
  return req;
}

bool has(const response& res, field name) { return res.find(name) != res.end(); }

cors_policy listed(std::vector<std::string> origins) {
  cors_policy policy;
  policy.allowed_origins = std::move(origins);
  return policy;
}

TEST(Cors, AnswersPreflightWithWildcardWhenPolicyAllowsAnyOrigin) {
  cors_policy policy;  // default: "*"
  policy.max_age = std::chrono::seconds(600);
  const auto res = answer_preflight(policy, preflight("http://localhost:3000", "PUT", "authorization,content-type"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), status::ok);
  EXPECT_EQ((*res)[field::access_control_allow_origin], "*");
  EXPECT_FALSE(has(*res, field::access_control_allow_credentials)) << "credentials are never allowed with '*'";
  EXPECT_EQ((*res)[field::access_control_allow_headers], "authorization,content-type");
  EXPECT_EQ((*res)[field::access_control_max_age], "600");
  const std::string methods((*res)[field::access_control_allow_methods]);
  for (const char* m : {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    EXPECT_NE(methods.find(m), std::string::npos) << m;
  }
  EXPECT_NE(std::string((*res)[field::vary]).find("Origin"), std::string::npos);
}

TEST(Cors, EchoesOriginWithCredentialsWhenOriginIsListed) {
  const auto policy = listed({"https://daengtionary.site", "http://localhost:3000"});
  const auto res = answer_preflight(policy, preflight("http://localhost:3000"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), status::ok);
  EXPECT_EQ((*res)[field::access_control_allow_origin], "http://localhost:3000");
  EXPECT_EQ((*res)[field::access_control_allow_credentials], "true");
  EXPECT_FALSE(has(*res, field::access_control_allow_headers)) << "none were requested";
  EXPECT_EQ((*res)[field::access_control_max_age], "1800");
}

TEST(Cors, PrefersListedOriginWhenPolicyAlsoHasWildcard) {
  const auto policy = listed({"*", "https://daengtionary.site"});
  const auto res = answer_preflight(policy, preflight("https://daengtionary.site"));
  ASSERT_TRUE(res);
  EXPECT_EQ((*res)[field::access_control_allow_origin], "https://daengtionary.site");
  EXPECT_EQ((*res)[field::access_control_allow_credentials], "true");

  const auto other = answer_preflight(policy, preflight("https://evil.example"));
  ASSERT_TRUE(other);
  EXPECT_EQ((*other)[field::access_control_allow_origin], "*");
  EXPECT_FALSE(has(*other, field::access_control_allow_credentials));
}

TEST(Cors, ForbidsPreflightWhenOriginIsNotListed) {
  const auto policy = listed({"https://daengtionary.site"});
  for (const char* origin :
       {"https://evil.example", "https://daengtionary.site.evil.example", "http://daengtionary.site",
        "https://DAENGTIONARY.site", "https://daengtionary.site/", "null"}) {
    const auto res = answer_preflight(policy, preflight(origin));
    ASSERT_TRUE(res) << origin;
    EXPECT_EQ(res->result(), status::forbidden) << origin;
    EXPECT_FALSE(has(*res, field::access_control_allow_origin)) << origin;
    EXPECT_FALSE(has(*res, field::access_control_allow_credentials)) << origin;
  }
}

TEST(Cors, ForbidsPreflightWhenPolicyListsNoOrigin) {
  const auto res = answer_preflight(listed({}), preflight("http://localhost:3000"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), status::forbidden);
}

TEST(Cors, IgnoresRequestWhenItIsNotAPreflight) {
  const cors_policy policy;
  EXPECT_FALSE(answer_preflight(policy, preflight("", "POST"))) << "no Origin";
  EXPECT_FALSE(answer_preflight(policy, preflight("http://localhost:3000", ""))) << "no requested method";
  raw_request get = preflight("http://localhost:3000");
  get.method(verb::get);
  EXPECT_FALSE(answer_preflight(policy, get)) << "not OPTIONS";
  EXPECT_FALSE(answer_preflight(listed({"https://a.example"}), preflight("", ""))) << "plain OPTIONS";
}

TEST(Cors, AddsWildcardWithoutCredentialsWhenPolicyAllowsAny) {
  cors_policy policy;
  policy.exposed_headers = {"Authorization", "Refresh-Token"};
  response res = text_response(status::ok, "{}");
  add_cors_headers(policy, "http://localhost:3000", res);
  EXPECT_EQ(res[field::access_control_allow_origin], "*");
  EXPECT_FALSE(has(res, field::access_control_allow_credentials));
  EXPECT_EQ(res[field::access_control_expose_headers], "Authorization, Refresh-Token");
}

TEST(Cors, AddsEchoedOriginWithCredentialsWhenOriginIsListed) {
  auto policy = listed({"https://daengtionary.site"});
  policy.exposed_headers = {"Authorization"};
  response res = text_response(status::created, "{}");
  add_cors_headers(policy, "https://daengtionary.site", res);
  EXPECT_EQ(res[field::access_control_allow_origin], "https://daengtionary.site");
  EXPECT_EQ(res[field::access_control_allow_credentials], "true");
  EXPECT_EQ(res[field::access_control_expose_headers], "Authorization");
  EXPECT_EQ(res.result(), status::created) << "status untouched";
  EXPECT_EQ(res.body(), "{}");
}

TEST(Cors, AddsNothingWhenOriginIsUnlistedOrAbsent) {
  auto policy = listed({"https://daengtionary.site"});
  policy.exposed_headers = {"Authorization"};
  for (const char* origin : {"https://evil.example", ""}) {
    response res = text_response(status::ok, "{}");
    add_cors_headers(policy, origin, res);
    EXPECT_FALSE(has(res, field::access_control_allow_origin)) << origin;
    EXPECT_FALSE(has(res, field::access_control_allow_credentials)) << origin;
    EXPECT_FALSE(has(res, field::access_control_expose_headers)) << origin;
  }
  // A same-origin request (no Origin header) gets no CORS headers even with "*".
  response res = text_response(status::ok, "{}");
  add_cors_headers(cors_policy{}, "", res);
  EXPECT_FALSE(has(res, field::access_control_allow_origin));
}

TEST(Cors, OmitsExposeHeadersWhenPolicyExposesNone) {
  response res = text_response(status::ok, "{}");
  add_cors_headers(cors_policy{}, "http://localhost:3000", res);
  EXPECT_EQ(res[field::access_control_allow_origin], "*");
  EXPECT_FALSE(has(res, field::access_control_expose_headers));
}

TEST(Cors, ReplacesHeadersWhenAddedTwice) {
  auto policy = listed({"https://a.example"});
  response res = text_response(status::ok, "{}");
  add_cors_headers(policy, "https://a.example", res);
  add_cors_headers(policy, "https://a.example", res);
  EXPECT_EQ(res.count(field::access_control_allow_origin), 1U);
  EXPECT_EQ(res.count(field::access_control_allow_credentials), 1U);
}

TEST(Cors, LeavesAResponseAloneWhenItSetsItsOwnAllowOrigin) {
  response res = text_response(status::ok, "{}");
  res.set(field::access_control_allow_origin, "https://daengtionary.site");
  res.set(field::access_control_allow_credentials, "true");
  add_cors_headers(cors_policy{}, "https://daengtionary.site", res);  // the policy would say "*"
  EXPECT_EQ(res[field::access_control_allow_origin], "https://daengtionary.site");
  EXPECT_EQ(res[field::access_control_allow_credentials], "true");
}

}  // namespace
