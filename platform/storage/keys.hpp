// Object keys every store accepts, and the URLs that name them in the rows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace platform::storage {

// Keys name files directly on disk, so only a safe subset is allowed: [A-Za-z0-9._-], 1–128 characters, not
// starting with '.', no "..". This rules out path separators, traversal and hidden/temp files.
bool is_valid_key(std::string_view key);

// url(key) = "<base>/<prefix>/<key>" ("http://localhost:8080" + "images"), or "<base>/<key>" for an empty
// prefix (a bucket's public URL); slashes around base and prefix are normalised.
class url_scheme {
 public:
  url_scheme(std::string_view base, std::string_view prefix);

  // Throws std::invalid_argument for an invalid key.
  std::string url(std::string_view key) const;
  // Inverse of url(); nullopt for URLs it did not produce (e.g. the original's S3 URLs).
  std::optional<std::string> key(std::string_view url) const;

 private:
  std::string base_;  // ends with '/'
};

}  // namespace platform::storage
