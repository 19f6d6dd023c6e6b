// Typed, validated reading of an app's TOML config file, with environment overrides for secrets.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace platform::config {

// A bad file, a wrong type or range, or an unknown key; the message names the key.
struct config_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One key as the app read it: for `check-config`, which prints what the process would run with.
struct setting {
  std::string key;
  std::string value;   // as text; secrets masked (see masked())
  std::string source;  // "file", "environment (BBODOK_JWT_SECRET)" or "default"
};

// Every getter takes a dotted key ("http.port"). The environment variable <PREFIX>_<KEY> (dots as
// underscores, upper case: DAENGTIONARY_JWT_SECRET) overrides the file, so secrets stay out of it.
// After reading everything the app calls finish(), which rejects keys in the file that nobody read.
class reader {
 public:
  static reader from_file(const std::filesystem::path& file, std::string env_prefix);
  static reader from_string(std::string_view toml, std::string env_prefix);

  reader(reader&&) noexcept;
  reader& operator=(reader&&) noexcept;
  ~reader();

  std::string text(std::string_view key, std::string_view fallback);
  std::optional<std::string> optional_text(std::string_view key);
  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max);
  bool boolean(std::string_view key, bool fallback);
  // In the environment: comma-separated.
  std::vector<std::string> texts(std::string_view key, std::vector<std::string> fallback);

  void finish() const;

  // Every key read so far, in the order the app read it, with its effective value and where it came from.
  const std::vector<setting>& effective() const;

 private:
  struct impl;
  explicit reader(std::unique_ptr<impl> state);
  std::unique_ptr<impl> impl_;
};

// The value as check-config shows it: "****" for a key whose last segment names a secret (`jwt.secret`,
// `*password*`, `kakao.admin_key`, `*_token`; not `kakao.token_url`), a URL's password replaced by "****",
// anything else as it is.
std::string masked(std::string_view key, std::string_view value);

}  // namespace platform::config
