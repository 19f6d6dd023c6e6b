// Interface to where uploaded images live: local disk by default, an S3-compatible bucket at scale.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace platform::storage {

// Every call blocks (disk or network I/O): run them on the blocking pool, never on an I/O thread.
// Implementations are safe to call from several threads at once.
class object_store {
 public:
  virtual ~object_store();

  virtual void put(std::string_view key, std::string_view bytes, std::string_view content_type) = 0;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
  // A missing key is not an error: deletes must be repeatable.
  virtual void remove(std::string_view key) = 0;

  // The URL the frontend puts in <img src>, stored in the image rows.
  virtual std::string public_url(std::string_view key) const = 0;
  // Inverse of public_url; nullopt for URLs this store did not produce (e.g. the original's S3
  // URLs).
  virtual std::optional<std::string> key_from_url(std::string_view url) const = 0;
};

}  // namespace platform::storage
