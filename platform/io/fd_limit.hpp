// The process's file-descriptor limit, which bounds how many connections it can hold.
#pragma once

#include <cstddef>

namespace platform::io {

struct fd_limit {
  std::size_t soft;  // what the process may open now
  std::size_t hard;  // what the soft limit may be raised to without privileges
};

// Raises the soft RLIMIT_NOFILE to the hard limit (capped by the kernel's nr_open) and returns the limits
// then in force. Raising is best effort: when the kernel refuses, the current limit stays.
fd_limit raise_fd_limit();

}  // namespace platform::io
