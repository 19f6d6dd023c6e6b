// platform::io::notify_service_manager: the sd_notify datagram, to a path or an abstract socket, or nothing.
#include "platform/io/service_manager.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <string>

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

// A datagram socket bound to `name` (a path, or "@name" for the abstract namespace), as systemd listens.
class notify_socket {
 public:
  explicit notify_socket(const std::string& name) : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, name.data(), name.size());
    if (name[0] == '@') address.sun_path[0] = '\0';
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    EXPECT_EQ(::bind(fd_, reinterpret_cast<const sockaddr*>(&address), length), 0);
    ::setenv("NOTIFY_SOCKET", name.c_str(), 1);
  }
  ~notify_socket() {
    ::unsetenv("NOTIFY_SOCKET");
    ::close(fd_);
  }
  notify_socket(const notify_socket&) = delete;
  notify_socket& operator=(const notify_socket&) = delete;

  std::string received() const {
    std::array<char, 256> buffer{};
    const auto n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    return n < 0 ? std::string("(nothing)") : std::string(buffer.data(), static_cast<std::size_t>(n));
  }

 private:
  int fd_;
};

TEST(ServiceManager, SendsTheStateToTheSocketPath) {
  const std::string path = "/tmp/notify-test-" + std::to_string(::getpid());
  ::unlink(path.c_str());
  {
    notify_socket systemd(path);
    platform::io::notify_service_manager("READY=1\nSTATUS=serving");
    EXPECT_EQ(systemd.received(), "READY=1\nSTATUS=serving");
  }
  ::unlink(path.c_str());
}

TEST(ServiceManager, SendsToAnAbstractSocket) {
  notify_socket systemd("@notify-test-" + std::to_string(::getpid()));
  platform::io::notify_service_manager("STOPPING=1");
  EXPECT_EQ(systemd.received(), "STOPPING=1");
}

TEST(ServiceManager, DoesNothingWithoutNotifySocketOrWithABadOne) {
  ::unsetenv("NOTIFY_SOCKET");
  platform::io::notify_service_manager("READY=1");
  ::setenv("NOTIFY_SOCKET", "relative/path", 1);
  platform::io::notify_service_manager("READY=1");  // logged, not thrown
  ::setenv("NOTIFY_SOCKET", "/nonexistent/dir/notify", 1);
  platform::io::notify_service_manager("READY=1");
  ::unsetenv("NOTIFY_SOCKET");
}

}  // namespace
