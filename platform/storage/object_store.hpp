// Interface to where uploaded images live: local disk by default, an S3-compatible bucket at scale.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platform::storage {

struct object_info {
  std::string key;
  std::chrono::system_clock::time_point last_modified;
};

// One page of a listing, in the shape of S3's ListObjectsV2 (StartAfter, MaxKeys, IsTruncated).
struct object_page {
  std::vector<object_info> objects;  // in ascending key order
  bool truncated = false;            // more keys follow the last one
};

// Every call blocks (disk or network I/O): run them on the blocking pool, never on an I/O thread.
// Implementations are safe to call from several threads at once.
class object_store {
 public:
  virtual ~object_store();

  virtual void put(std::string_view key, std::string_view bytes, std::string_view content_type) = 0;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
  // A missing key is not an error: deletes must be repeatable.
  virtual void remove(std::string_view key) = 0;

  // At most max_keys complete objects whose keys sort after start_after ("" for the first page). A write in
  // progress is not an object yet and is never listed.
  virtual object_page list(std::string_view start_after, std::size_t max_keys) const = 0;
  // Removes at most max writes that were begun before `before` and never completed (on disk: the temp file of
  // a put the process died in; on S3 it would be an incomplete multipart upload); answers how many.
  virtual std::size_t remove_abandoned_writes(std::chrono::system_clock::time_point before, std::size_t max) = 0;

  // The URL the frontend puts in <img src>, stored in the image rows.
  virtual std::string public_url(std::string_view key) const = 0;
  // Inverse of public_url; nullopt for URLs this store did not produce (e.g. the original's S3
  // URLs).
  virtual std::optional<std::string> key_from_url(std::string_view url) const = 0;
};

}  // namespace platform::storage
