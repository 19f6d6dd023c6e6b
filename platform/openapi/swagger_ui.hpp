// Swagger UI's files (swagger-ui-dist), read once at start and served from memory.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace platform::openapi {

// A file as served: its bytes, Content-Type, a strong ETag and Cache-Control.
struct asset {
  asset(std::string body, std::string content_type, std::string cache_control);

  std::string body;
  std::string content_type;
  std::string cache_control;
  std::string etag;  // a digest of the body, quoted
};

class swagger_ui {
 public:
  // The files index.html loads, from swagger-ui-dist's folder, plus a swagger-initializer.js of our own that
  // points Swagger UI at `document_url` (the package's own points at the Petstore). nullopt when the folder or
  // one of the files is missing; blocking, called at start.
  static std::optional<swagger_ui> load(const std::filesystem::path& dist, std::string_view document_url);

  // `name` is one path segment after /swagger-ui/ ("" for index.html). Only the listed files exist, so no
  // name reaches outside them (`..`, encoded slashes or not): anything else is nullptr.
  const asset* find(std::string_view name) const;

 private:
  std::map<std::string, asset, std::less<>> files_;
};

}  // namespace platform::openapi
