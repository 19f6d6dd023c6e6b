// sd_notify(3) without libsystemd: the protocol is one datagram of KEY=VALUE lines on a Unix socket.
#include "platform/io/service_manager.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace platform::io {

void notify_service_manager(std::string_view state) {
  const char* name = std::getenv("NOTIFY_SOCKET");  // NOLINT(concurrency-mt-unsafe): nothing sets the environment
  if (name == nullptr || name[0] == '\0') return;   // not started by systemd as Type=notify
  const std::string path(name);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if ((path[0] != '/' && path[0] != '@') || path.size() >= sizeof(address.sun_path)) {
    spdlog::warn("NOTIFY_SOCKET '{}' is not a socket path: service manager not told '{}'", path, state);
    return;
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  if (path[0] == '@') address.sun_path[0] = '\0';  // the abstract namespace: the name is not NUL-terminated
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());

  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    spdlog::warn("cannot tell the service manager '{}': socket: {}", state,
                 std::error_code(errno, std::system_category()).message());
    return;
  }
  const auto sent =
      ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address), length);
  if (sent < 0)
    spdlog::warn("cannot tell the service manager '{}': {}", state,
                 std::error_code(errno, std::system_category()).message());
  ::close(fd);
}

}  // namespace platform::io
