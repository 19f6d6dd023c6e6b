// A multipart/form-data request read as Spring's @RequestPart bound it: JSON parts, text parts and file parts, and
// the 400 or 415 Spring answered when one was missing or unreadable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "platform/http/message.hpp"
#include "platform/http/multipart.hpp"
#include "platform/storage/upload.hpp"

namespace platform::json {

class form {
 public:
  // Throws client_error: 415 when the body is not multipart/form-data, 400 when it is malformed or over limits.
  static form read(const platform::http::request& req);

  // The JSON object in part `name`; throws client_error(400) when the part is missing or not a JSON object,
  // or when its text is not accepted (read_object).
  boost::json::object json(std::string_view name) const;
  // The text of part `name`; throws client_error(400) when missing or not accepted text.
  std::string text(std::string_view name) const;
  // The files sent as part `name`: only parts with a filename count (the frontend's `undefined` text parts
  // do not), and when the first file is empty none count, as in the original.
  std::vector<storage::upload> files(std::string_view name) const;

 private:
  explicit form(std::vector<platform::http::multipart::part> parts) : parts_(std::move(parts)) {}
  const platform::http::multipart::part* find(std::string_view name) const;
  // Throws client_error(400) when missing.
  const platform::http::multipart::part& required_part(std::string_view name) const;

  std::vector<platform::http::multipart::part> parts_;
};

}  // namespace platform::json
