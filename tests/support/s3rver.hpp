// A throw-away S3 stand-in (s3rver with the SigV4 check of tests/e2e/lib/s3rver.mjs) for tests of the S3 store.
#pragma once

#include <filesystem>
#include <string>

#include <sys/types.h>

namespace test_support {

// Starts `node tests/e2e/lib/s3rver_main.mjs` on a fresh temp directory with one bucket and waits until it
// listens; the destructor kills it and removes the directory. available() is false without node or the npm
// packages (tests then skip with that reason). Its only credentials: access_key_id / secret_access_key.
class s3rver {
 public:
  static constexpr const char* access_key_id = "S3RVER";
  static constexpr const char* secret_access_key = "S3RVER";

  explicit s3rver(std::string bucket = "bucket");
  ~s3rver();
  s3rver(const s3rver&) = delete;
  s3rver& operator=(const s3rver&) = delete;

  [[nodiscard]] static bool available();
  [[nodiscard]] const std::string& bucket() const { return bucket_; }
  [[nodiscard]] unsigned short port() const { return port_; }
  // Path-style endpoint http://127.0.0.1:PORT; virtual-hosted: http://s3.localhost:PORT (<bucket>.s3.localhost).
  [[nodiscard]] std::string endpoint() const;
  [[nodiscard]] std::string virtual_host_endpoint() const;
  // Writes an object behind the store's back (s3rver keeps <key>._S3rver_object under <directory>/<bucket>).
  void plant(const std::string& key, const std::string& bytes) const;

 private:
  std::string bucket_;
  std::filesystem::path directory_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace test_support
