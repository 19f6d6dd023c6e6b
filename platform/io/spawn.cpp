// Logging what escaped a spawned coroutine.
#include "platform/io/spawn.hpp"

#include <spdlog/spdlog.h>

namespace platform::io {

void log_escaped(std::string_view what, const std::exception_ptr& failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    spdlog::error("{} failed: {}", what, e.what());
  } catch (...) {
    spdlog::error("{} failed with an exception of unknown type", what);
  }
}

}  // namespace platform::io
