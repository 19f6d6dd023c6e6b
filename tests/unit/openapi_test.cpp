// Unit tests for platform::openapi: reading a document, the drift check, and which Swagger UI files exist.
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "platform/openapi/document.hpp"
#include "platform/openapi/drift.hpp"
#include "platform/openapi/swagger_ui.hpp"

namespace {

using platform::http::router;
using platform::http::verb;
namespace openapi = platform::openapi;

const char* const sample = R"({
  "openapi": "3.1.0",
  "paths": {
    "/hospital/{mapNo}": {"parameters": [], "get": {}, "patch": {}},
    "/member/login": {"post": {}}
  },
  "x-realtime": [{"path": "/wss/chat", "description": "SockJS"}]
})";

std::vector<router::registered_route> routes(std::vector<std::pair<verb, std::string>> list) {
  std::vector<router::registered_route> out;
  for (auto& [method, pattern] : list) out.push_back({method, std::move(pattern)});
  return out;
}

TEST(OpenapiDocument, ListsOperationsAndRealtimePaths) {
  const auto doc = openapi::parse_document(sample);
  EXPECT_EQ(doc.operations,
            (std::vector<std::string>{"GET /hospital/{mapNo}", "PATCH /hospital/{mapNo}", "POST /member/login"}));
  EXPECT_EQ(doc.realtime_paths, (std::vector<std::string>{"/wss/chat"}));
  EXPECT_EQ(doc.text, sample);
}

TEST(OpenapiDocument, RefusesTextThatIsNotADocument) {
  EXPECT_THROW(openapi::parse_document("{"), std::runtime_error);
  EXPECT_THROW(openapi::parse_document(R"({"openapi":"3.1.0"})"), std::runtime_error);
  EXPECT_THROW(openapi::parse_document(R"({"paths":{},"x-realtime":[{"description":"no path"}]})"), std::runtime_error);
}

TEST(OpenapiDocument, LoadsNothingWhenTheFileIsMissing) {
  EXPECT_FALSE(openapi::load_document("/nonexistent/openapi.json").has_value());
}

TEST(OpenapiDrift, IsEmptyWhenRoutesAndOperationsMatch) {
  const auto doc = openapi::parse_document(sample);
  const auto found = openapi::compare(routes({{verb::get, "/hospital/{mapNo}"},
                                              {verb::patch, "/hospital/{mapNo}"},
                                              {verb::post, "/member/login"},
                                              {verb::get, "/wss/chat/info"},
                                              {verb::post, "/wss/chat/{server}/{session}/xhr"}}),
                                      doc);
  EXPECT_TRUE(found.empty());
}

TEST(OpenapiDrift, ReportsARegisteredRouteTheDocumentLacks) {
  const auto doc = openapi::parse_document(sample);
  const auto found = openapi::compare(routes({{verb::get, "/hospital/{mapNo}"},
                                              {verb::patch, "/hospital/{mapNo}"},
                                              {verb::delete_, "/hospital/{mapNo}"},
                                              {verb::post, "/member/login"}}),
                                      doc);
  EXPECT_EQ(found.undocumented, (std::vector<std::string>{"DELETE /hospital/{mapNo}"}));
  EXPECT_TRUE(found.unregistered.empty());
}

TEST(OpenapiDrift, ReportsADocumentedOperationNobodyRegistered) {
  const auto doc = openapi::parse_document(sample);
  const auto found = openapi::compare(routes({{verb::get, "/hospital/{mapNo}"}, {verb::post, "/member/login"}}), doc);
  EXPECT_TRUE(found.undocumented.empty());
  EXPECT_EQ(found.unregistered, (std::vector<std::string>{"PATCH /hospital/{mapNo}"}));
}

TEST(OpenapiDrift, ComparesPathParameterNames) {
  const auto doc = openapi::parse_document(sample);
  const auto found = openapi::compare(
      routes({{verb::get, "/hospital/{id}"}, {verb::patch, "/hospital/{mapNo}"}, {verb::post, "/member/login"}}), doc);
  EXPECT_EQ(found.undocumented, (std::vector<std::string>{"GET /hospital/{id}"}));
  EXPECT_EQ(found.unregistered, (std::vector<std::string>{"GET /hospital/{mapNo}"}));
}

TEST(OpenapiDrift, DoesNotTakeAPathThatOnlySharesARealtimePrefix) {
  const auto doc = openapi::parse_document(sample);
  const auto found = openapi::compare(routes({{verb::get, "/hospital/{mapNo}"},
                                              {verb::patch, "/hospital/{mapNo}"},
                                              {verb::post, "/member/login"},
                                              {verb::get, "/wss/chatty"}}),
                                      doc);
  EXPECT_EQ(found.undocumented, (std::vector<std::string>{"GET /wss/chatty"}));
}

// A swagger-ui-dist folder with the files index.html loads, each holding its own name.
class SwaggerUi : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("swagger-ui-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    for (const char* name : {"index.html", "index.css", "swagger-ui.css", "swagger-ui-bundle.js",
                             "swagger-ui-standalone-preset.js", "favicon-16x16.png", "favicon-32x32.png",
                             "oauth2-redirect.html", "oauth2-redirect.js", "swagger-initializer.js", "package.json"}) {
      std::ofstream(dir_ / name) << name;
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SwaggerUi, ServesIndexForTheFolderItself) {
  const auto ui = openapi::swagger_ui::load(dir_, "../v3/api-docs");
  ASSERT_TRUE(ui.has_value());
  ASSERT_NE(ui->find(""), nullptr);
  EXPECT_EQ(ui->find("")->body, "index.html");
  EXPECT_EQ(ui->find("")->content_type, "text/html;charset=UTF-8");
  EXPECT_EQ(ui->find("swagger-ui-bundle.js")->content_type, "text/javascript;charset=UTF-8");
  EXPECT_EQ(ui->find("favicon-32x32.png")->content_type, "image/png");
}

TEST_F(SwaggerUi, WritesItsOwnInitializerPointingAtTheDocument) {
  const auto ui = openapi::swagger_ui::load(dir_, "../v3/api-docs");
  ASSERT_TRUE(ui.has_value());
  const auto* initializer = ui->find("swagger-initializer.js");
  ASSERT_NE(initializer, nullptr);
  EXPECT_NE(initializer->body.find(R"(url: "../v3/api-docs")"), std::string::npos);
  EXPECT_EQ(initializer->cache_control, "no-cache");
}

TEST_F(SwaggerUi, FindsNothingOutsideTheListedFiles) {
  const auto ui = openapi::swagger_ui::load(dir_, "../v3/api-docs");
  ASSERT_TRUE(ui.has_value());
  for (const char* name : {"package.json", "..", "../index.html", "..%2Findex.html", "/etc/passwd", "index.html/",
                           "swagger-ui-bundle.js.map", "INDEX.HTML"}) {
    EXPECT_EQ(ui->find(name), nullptr) << name;
  }
}

TEST_F(SwaggerUi, GivesEqualFilesEqualEtagsAndDifferentFilesDifferentOnes) {
  const auto ui = openapi::swagger_ui::load(dir_, "../v3/api-docs");
  const auto again = openapi::swagger_ui::load(dir_, "../v3/api-docs");
  ASSERT_TRUE(ui.has_value() && again.has_value());
  EXPECT_EQ(ui->find("index.css")->etag, again->find("index.css")->etag);
  EXPECT_NE(ui->find("index.css")->etag, ui->find("swagger-ui.css")->etag);
  EXPECT_EQ(ui->find("index.css")->etag.front(), '"');
}

TEST_F(SwaggerUi, LoadsNothingWhenAFileIsMissing) {
  std::filesystem::remove(dir_ / "swagger-ui-bundle.js");
  EXPECT_FALSE(openapi::swagger_ui::load(dir_, "../v3/api-docs").has_value());
}

}  // namespace
