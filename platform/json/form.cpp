// Binding multipart parts the way Spring's @RequestPart did.
#include "platform/json/form.hpp"

#include <fmt/format.h>

#include "platform/json/request_body.hpp"

namespace platform::json {

namespace http = platform::http;
namespace multipart = platform::http::multipart;

form form::read(const http::request& req) {
  auto parsed = multipart::parse(req.header("Content-Type"), req.body());
  if (parsed.failure) {
    const auto code = *parsed.failure == multipart::error::not_multipart ? http::status::unsupported_media_type
                                                                         : http::status::bad_request;
    throw http::client_error(code, std::string(multipart::describe(*parsed.failure)));
  }
  return form(std::move(parsed.parts));
}

const multipart::part* form::find(std::string_view name) const {
  for (const auto& part : parts_) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

boost::json::object form::json(std::string_view name) const { return read_object(required_part(name).data); }

const multipart::part& form::required_part(std::string_view name) const {
  const auto* found = find(name);
  if (found == nullptr) {
    throw http::client_error(http::status::bad_request, fmt::format("Required request part '{}' is not present", name));
  }
  return *found;
}

std::string form::text(std::string_view name) const {
  const auto text = multipart::text_of(required_part(name));
  if (!text) {
    throw http::client_error(http::status::bad_request, fmt::format("Request part '{}' is not accepted text", name));
  }
  return std::string(*text);
}

std::vector<storage::upload> form::files(std::string_view name) const {
  std::vector<storage::upload> files;
  for (const auto& part : parts_) {
    if (part.name == name && part.is_file()) files.push_back(storage::upload{*part.filename, part.data});
  }
  if (!files.empty() && files.front().bytes.empty()) files.clear();
  return files;
}

}  // namespace platform::json
