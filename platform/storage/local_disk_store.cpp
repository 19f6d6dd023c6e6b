// Local-disk object store: POSIX writes with fsync + rename for atomic, durable puts.
#include "platform/storage/local_disk_store.hpp"

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "platform/obs/platform_metrics.hpp"
#include "platform/storage/uuid.hpp"

namespace platform::storage {
namespace {

// Every failed disk operation of the store goes through here, so it is also where they are counted.
std::system_error errno_error(const char* what) {
  const int code = errno;
  obs::metrics().storage_errors.inc();
  return {code, std::generic_category(), what};
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

// A rename is durable only once its directory is: without this a power cut after the row that names the
// object commits could leave the row pointing at nothing.
void sync_directory(const std::filesystem::path& dir) {
  file_descriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) {
    throw errno_error("open directory");
  }
  if (::fsync(fd.get()) != 0) {
    throw errno_error("fsync directory");
  }
}

constexpr std::string_view temp_marker = ".tmp-";

// put()'s temp files: "." + key + ".tmp-" + uuid.
bool is_temp_name(std::string_view name) {
  return name.starts_with('.') && name.find(temp_marker) != std::string_view::npos;
}

std::optional<std::chrono::system_clock::time_point> modified_at(const std::filesystem::directory_entry& entry) {
  std::error_code ec;  // the file may vanish between the directory read and this call: then it is skipped
  const auto time = entry.last_write_time(ec);
  if (ec) {
    return std::nullopt;
  }
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(std::chrono::file_clock::to_sys(time));
}

}  // namespace

local_disk_store::local_disk_store(std::filesystem::path root, std::string_view public_base_url,
                                   std::string_view url_prefix)
    : root_(std::move(root)), urls_(public_base_url, url_prefix) {
  std::filesystem::create_directories(root_);
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
    sync_directory(root_);
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

object_page local_disk_store::list(std::string_view start_after, std::size_t max_keys) const {
  // A directory has no order, so each page reads it whole and keeps the max_keys smallest keys after
  // start_after: linear in the number of files per page, which is what a local disk holds comfortably.
  std::vector<object_info> found;
  for (const auto& entry : std::filesystem::directory_iterator(root_)) {
    const std::string name = entry.path().filename().string();
    if (!is_valid_key(name) || name <= start_after || !entry.is_regular_file()) {
      continue;
    }
    if (const auto time = modified_at(entry)) {
      found.push_back(object_info{name, *time});
    }
  }
  const auto by_key = [](const object_info& a, const object_info& b) { return a.key < b.key; };
  object_page page;
  page.truncated = found.size() > max_keys;
  if (page.truncated) {
    std::nth_element(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(max_keys), found.end(), by_key);
    found.resize(max_keys);
  }
  std::sort(found.begin(), found.end(), by_key);
  page.objects = std::move(found);
  return page;
}

std::size_t local_disk_store::remove_abandoned_writes(std::chrono::system_clock::time_point before, std::size_t max) {
  std::size_t removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root_)) {
    if (removed == max) {
      break;
    }
    if (!is_temp_name(entry.path().filename().string())) {
      continue;
    }
    const auto time = modified_at(entry);
    std::error_code ec;  // gone already: another sweep or the put itself took it
    if (time && *time < before && std::filesystem::remove(entry.path(), ec)) {
      ++removed;
    }
  }
  return removed;
}

std::string local_disk_store::public_url(std::string_view key) const { return urls_.url(key); }

std::optional<std::string> local_disk_store::key_from_url(std::string_view url) const { return urls_.key(url); }

}  // namespace platform::storage
