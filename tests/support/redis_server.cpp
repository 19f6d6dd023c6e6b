// redis-server as a child process: fork, exec, poll the port until it answers.
#include "redis_server.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace test_support {
namespace {

constexpr const char* binary = "/usr/bin/redis-server";

// A port the kernel just handed out, released again (a race with other processes is unlikely enough here).
unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("redis_server: no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  ::close(fd);
  return connected;
}

}  // namespace

bool redis_server::available() { return ::access(binary, X_OK) == 0; }

redis_server::redis_server() : port_(free_port()) { start(); }

redis_server::~redis_server() { kill(); }

std::string redis_server::url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

void redis_server::start() {
  const std::string port = std::to_string(port_);
  pid_ = ::fork();
  if (pid_ == 0) {
    // Its start-up banner and warnings would bury the test's own output.
    const int quiet = ::open("/dev/null", O_WRONLY);
    ::dup2(quiet, STDOUT_FILENO);
    ::execl(binary, binary, "--port", port.c_str(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--loglevel", "warning", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  if (pid_ < 0) throw std::runtime_error("redis_server: fork failed");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!accepts(port_)) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("redis_server: did not start");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void redis_server::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);  // a stopped process dies of SIGKILL too
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void redis_server::pause() { ::kill(pid_, SIGSTOP); }

void redis_server::resume() { ::kill(pid_, SIGCONT); }

void redis_server::restart() {
  kill();
  start();
}

}  // namespace test_support
