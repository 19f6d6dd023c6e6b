// Choosing the object store by configuration: local disk by default, an S3 bucket when storage.url names one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "platform/storage/object_store.hpp"
#include "platform/storage/s3_store.hpp"

namespace platform::config {
class reader;
}

namespace platform::storage {

struct store_settings {
  std::optional<s3_settings> s3;  // storage.url = "s3://<bucket>"; unset (storage.url empty): local disk
  std::filesystem::path root;     // storage.root, the local disk store's directory
  // storage.public_base_url: the app's own URL; the app serves images at <it>/<url prefix>/<key>.
  std::string public_base_url;
  // storage.public_url (S3 only): the bucket's public URL; images are then linked at <it>/<key> and the browser
  // fetches them from the bucket (or a CDN in front of it). Empty: served through the app, as on local disk.
  std::string public_url;
};

// Reads storage.url, storage.root, storage.public_base_url, storage.public_url and storage.s3.* (endpoint,
// region, path_style, access_key_id, secret_access_key; the credentials default to AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY). max_object_size bounds what a get() reads back (the app's upload limit). Throws
// config::config_error for an unknown storage.url scheme or missing S3 credentials.
store_settings read_store_settings(config::reader& config, std::string_view default_root, std::size_t max_object_size);

// The store the settings name; url_prefix is the path the app serves images under ("images").
std::unique_ptr<object_store> open_store(const store_settings& settings, std::string_view url_prefix);

}  // namespace platform::storage
