// object_store on an S3-compatible bucket (AWS S3, MinIO, s3rver), signed with SigV4 over the blocking HTTP
// client.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "platform/http/client.hpp"
#include "platform/storage/keys.hpp"
#include "platform/storage/object_store.hpp"
#include "platform/storage/sigv4.hpp"

namespace platform::storage {

struct s3_settings {
  std::string bucket;
  std::string endpoint;  // "scheme://host[:port]": "https://s3.<region>.amazonaws.com", "http://127.0.0.1:4568"
  std::string region = "us-east-1";
  // Path-style: <endpoint>/<bucket>/<key>. Virtual-hosted (AWS's default): <scheme>://<bucket>.<host>/<key>.
  bool path_style = false;
  sigv4::credentials credentials;
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  std::size_t max_object_size = std::size_t{25} * 1024 * 1024;  // a larger object fails get()
};

// S3 answered something other than success for a request that must succeed (403 for a wrong key or secret,
// 5xx, ...). The message names the operation, the key, the status and S3's error code, never a credential.
struct s3_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Each call is one signed request (a listing page may take several); the client holds no connection, so the
// store is safe from several threads. A PutObject is atomic on S3 (a reader sees nothing or all of it), so
// there are no temp objects: a put the process died in leaves nothing, and a put that completed before its row
// committed leaves an unreferenced object that the sweep removes by its LastModified.
class s3_store final : public object_store {
 public:
  // Throws std::invalid_argument for an endpoint that is not http(s)://host[:port] or an empty bucket.
  s3_store(s3_settings settings, url_scheme urls);

  // Throws std::invalid_argument for an invalid key, s3_error or http::outbound_error on failure.
  void put(std::string_view key, std::string_view bytes, std::string_view content_type) override;
  // nullopt for a missing object (404) or an invalid key.
  std::optional<std::string> get(std::string_view key) const override;
  // A missing key or an invalid one is a no-op.
  void remove(std::string_view key) override;

  // ListObjectsV2 (start-after, then continuation tokens) until max_keys objects with valid keys are found or
  // the bucket ends; keys this app could not have written are skipped, never listed for removal.
  object_page list(std::string_view start_after, std::size_t max_keys) const override;
  // Always 0: the store begins no multipart uploads, so no write can be left half done.
  std::size_t remove_abandoned_writes(std::chrono::system_clock::time_point before, std::size_t max) override;

  std::string public_url(std::string_view key) const override;
  std::optional<std::string> key_from_url(std::string_view url) const override;

 private:
  http::outbound_response send(const std::string& method, std::string_view key, const sigv4::fields& query,
                               const std::string& body, std::string_view content_type) const;

  s3_settings settings_;
  std::string scheme_;       // "http" or "https"
  std::string host_;         // what the Host header carries: the endpoint's, or "<bucket>.<endpoint host>"
  std::string bucket_path_;  // "/<bucket>/" path-style, "/" virtual-hosted
  url_scheme urls_;
  http::http_client client_;
};

}  // namespace platform::storage
