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

 private:
  struct impl;
  explicit reader(std::unique_ptr<impl> state);
  std::unique_ptr<impl> impl_;
};

}  // namespace platform::config
