// Local-disk object store: POSIX writes with fsync + rename for atomic, durable puts.
#include "platform/storage/local_disk_store.hpp"

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "platform/storage/uuid.hpp"

namespace platform::storage {
namespace {

constexpr std::size_t max_key_size = 128;

std::system_error errno_error(const char* what) { return {errno, std::generic_category(), what}; }

std::string_view trim_slashes(std::string_view s) {
  while (s.starts_with('/')) {
    s.remove_prefix(1);
  }
  while (s.ends_with('/')) {
    s.remove_suffix(1);
  }
  return s;
}

class file_descriptor {
 public:
  explicit file_descriptor(int fd) : fd_(fd) {}
  file_descriptor(const file_descriptor&) = delete;
  file_descriptor& operator=(const file_descriptor&) = delete;
  ~file_descriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }
  // close() can report a deferred write error, so the writer checks it instead of the destructor.
  int release_and_close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw errno_error("write");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void write_file_durably(const std::filesystem::path& path, std::string_view bytes) {
  file_descriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) {
    throw errno_error("open");
  }
  write_all(fd.get(), bytes);
  if (::fsync(fd.get()) != 0) {
    throw errno_error("fsync");
  }
  if (fd.release_and_close() != 0) {
    throw errno_error("close");
  }
}

}  // namespace

bool is_valid_key(std::string_view key) {
  if (key.empty() || key.size() > max_key_size || key.front() == '.' || key.find("..") != std::string_view::npos) {
    return false;
  }
  for (const char c : key) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

local_disk_store::local_disk_store(std::filesystem::path root, std::string_view public_base_url,
                                   std::string_view url_prefix)
    : root_(std::move(root)) {
  std::filesystem::create_directories(root_);
  std::string_view base = public_base_url;
  while (base.ends_with('/')) {
    base.remove_suffix(1);
  }
  url_base_ = std::string(base) + '/';
  if (const auto prefix = trim_slashes(url_prefix); !prefix.empty()) {
    url_base_ += prefix;
    url_base_ += '/';
  }
}

void local_disk_store::put(std::string_view key, std::string_view bytes, std::string_view) {
  if (!is_valid_key(key)) {
    throw std::invalid_argument("invalid object key");
  }
  // A leading '.' makes the temp name an invalid key, so get() can never see a half-written file.
  const auto temp = root_ / ("." + std::string(key) + ".tmp-" + random_uuid_v4());
  try {
    write_file_durably(temp, bytes);
    std::filesystem::rename(temp, root_ / key);
  } catch (...) {
    std::error_code ignored;  // the original error is the one worth reporting
    std::filesystem::remove(temp, ignored);
    throw;
  }
}

std::optional<std::string> local_disk_store::get(std::string_view key) const {
  if (!is_valid_key(key)) {
    return std::nullopt;
  }
  const auto path = root_ / key;
  file_descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) {
      return std::nullopt;
    }
    throw errno_error("open");
  }
  std::string out;
  char buffer[16 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw errno_error("read");
    }
    if (n == 0) {
      return out;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

void local_disk_store::remove(std::string_view key) {
  if (!is_valid_key(key)) {
    return;
  }
  std::filesystem::remove(root_ / key);  // false, not an error, when missing
}

std::string local_disk_store::public_url(std::string_view key) const {
  if (!is_valid_key(key)) {
    throw std::invalid_argument("invalid object key");
  }
  return url_base_ + std::string(key);
}

std::optional<std::string> local_disk_store::key_from_url(std::string_view url) const {
  if (!url.starts_with(url_base_)) {
    return std::nullopt;
  }
  const std::string_view key = url.substr(url_base_.size());
  if (!is_valid_key(key)) {
    return std::nullopt;
  }
  return std::string(key);
}

}  // namespace platform::storage
