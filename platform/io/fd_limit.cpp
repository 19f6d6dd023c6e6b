// Raising RLIMIT_NOFILE at start: the default soft limit (often 1024) is far below what a server needs.
#include "platform/io/fd_limit.hpp"

#include <fstream>

#include <sys/resource.h>

namespace platform::io {
namespace {

// The most the kernel lets any process open (an unlimited hard limit cannot be set as the soft one).
rlim_t kernel_ceiling() {
  std::ifstream file("/proc/sys/fs/nr_open");
  rlim_t value = 0;
  return (file >> value) && value > 0 ? value : rlim_t{1} << 20;
}

}  // namespace

fd_limit raise_fd_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return {1024, 1024};  // cannot happen on Linux; assume the default
  const rlim_t wanted = limit.rlim_max == RLIM_INFINITY ? kernel_ceiling() : limit.rlim_max;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    rlimit raised{wanted, limit.rlim_max};
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit.rlim_cur = wanted;
  }
  const auto as_size = [](rlim_t value) {
    return value == RLIM_INFINITY ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(value);
  };
  return {as_size(limit.rlim_cur), as_size(limit.rlim_max)};
}

}  // namespace platform::io
