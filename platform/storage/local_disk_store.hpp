// object_store on a local directory, the embedded default; the app serves the files under a URL
// prefix.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "platform/storage/keys.hpp"
#include "platform/storage/object_store.hpp"

namespace platform::storage {

// One file per object under root. Writes go to a temp file (".<key>.tmp-<uuid>", fsynced) that is renamed
// into place and the directory fsynced, so readers see either nothing or the whole object and a put that
// returned survives a power cut. A process killed mid-put leaves the temp file behind for
// remove_abandoned_writes(). Holds no mutable state: safe from several threads.
class local_disk_store final : public object_store {
 public:
  // root is created if missing. public_url(key) = "<public_base_url>/<url_prefix>/<key>", e.g.
  // "http://localhost:8080" + "images" → "http://localhost:8080/images/<key>".
  local_disk_store(std::filesystem::path root, std::string_view public_base_url, std::string_view url_prefix);

  // Throws std::invalid_argument for an invalid key, std::system_error on I/O failure. The content
  // type is not stored: the server derives it from the key's extension when serving.
  void put(std::string_view key, std::string_view bytes, std::string_view content_type) override;
  // nullopt for a missing object or an invalid key (keys may come from request paths).
  std::optional<std::string> get(std::string_view key) const override;
  // An invalid key names no object, so it is a no-op like any missing key.
  void remove(std::string_view key) override;

  // Files that are not valid keys (temp files, anything hidden) are not objects. last_modified is the
  // file's mtime. Throws std::filesystem::filesystem_error when the root cannot be read.
  object_page list(std::string_view start_after, std::size_t max_keys) const override;
  // Removes temp files of puts that never finished, by mtime.
  std::size_t remove_abandoned_writes(std::chrono::system_clock::time_point before, std::size_t max) override;

  // Throws std::invalid_argument for an invalid key.
  std::string public_url(std::string_view key) const override;
  std::optional<std::string> key_from_url(std::string_view url) const override;

 private:
  std::filesystem::path root_;
  url_scheme urls_;
};

}  // namespace platform::storage
