// The storage.* keys, their defaults and checks, and the store they choose.
#include "platform/storage/open.hpp"

#include <cstdlib>

#include "platform/config/reader.hpp"
#include "platform/storage/local_disk_store.hpp"

namespace platform::storage {
namespace {

constexpr std::string_view s3_scheme = "s3://";

// The standard AWS variables are the credentials' defaults; DAENGTIONARY_STORAGE_S3_* (or the file) win.
std::string from_environment(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read once at start-up
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

store_settings read_store_settings(config::reader& config, std::string_view default_root, std::size_t max_object_size) {
  store_settings s;
  const std::string url = config.text("storage.url", "");
  s.root = config.text("storage.root", default_root);
  s.public_base_url = config.text("storage.public_base_url", "http://localhost:8080");
  s.public_url = config.text("storage.public_url", "");

  s3_settings s3;
  s3.region = config.text("storage.s3.region", s3.region);
  s3.endpoint = config.text("storage.s3.endpoint", "https://s3." + s3.region + ".amazonaws.com");
  s3.path_style = config.boolean("storage.s3.path_style", false);
  s3.credentials.access_key_id = config.text("storage.s3.access_key_id", from_environment("AWS_ACCESS_KEY_ID"));
  s3.credentials.secret_access_key =
      config.text("storage.s3.secret_access_key", from_environment("AWS_SECRET_ACCESS_KEY"));
  s3.max_object_size = max_object_size;

  if (url.empty()) {
    if (!s.public_url.empty())
      throw config::config_error("config key 'storage.public_url' needs storage.url = \"s3://<bucket>\"");
    return s;
  }
  if (!url.starts_with(s3_scheme) || url.size() == s3_scheme.size() ||
      url.find('/', s3_scheme.size()) != std::string::npos) {
    throw config::config_error("config key 'storage.url' must be empty (local disk) or \"s3://<bucket>\"");
  }
  if (s3.credentials.access_key_id.empty() || s3.credentials.secret_access_key.empty()) {
    throw config::config_error(
        "storage.url = \"s3://...\" needs storage.s3.access_key_id and storage.s3.secret_access_key (or "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
  }
  s3.bucket = url.substr(s3_scheme.size());
  s.s3 = std::move(s3);
  return s;
}

std::unique_ptr<object_store> open_store(const store_settings& settings, std::string_view url_prefix) {
  if (!settings.s3) return std::make_unique<local_disk_store>(settings.root, settings.public_base_url, url_prefix);
  url_scheme urls = settings.public_url.empty() ? url_scheme(settings.public_base_url, url_prefix)
                                                : url_scheme(settings.public_url, "");
  return std::make_unique<s3_store>(*settings.s3, std::move(urls));
}

}  // namespace platform::storage
