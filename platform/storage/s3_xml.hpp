// Reading S3's XML answers: a ListObjectsV2 page and the code of an error response.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/storage/object_store.hpp"

namespace platform::storage {

struct list_objects_v2 {
  std::vector<object_info> objects;  // <Contents>: Key and LastModified, in the answer's (key) order
  bool truncated = false;            // <IsTruncated>true</IsTruncated>
  std::string next_continuation_token;
};

// Throws std::runtime_error for malformed XML or a <Contents> without a Key or a readable LastModified.
list_objects_v2 parse_list_objects_v2(std::string_view xml);

// The <Code> of an <Error> answer ("NoSuchKey", "SignatureDoesNotMatch"), or nullopt when the body is not one.
std::optional<std::string> parse_error_code(std::string_view xml);

// "2026-12-06T07:00:00.000Z" (ISO 8601 in UTC, fractional seconds optional, as S3 writes LastModified).
std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(std::string_view text);

}  // namespace platform::storage
