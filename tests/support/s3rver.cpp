// s3rver as a child process: fork, exec node, read the port it prints on a pipe.
#include "s3rver.hpp"

#include <array>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace test_support {
namespace {

constexpr const char* node = "/usr/bin/node";
const std::filesystem::path e2e_dir = TEST_SUPPORT_E2E_DIR;

// The first line the child writes, within 30 s (node and s3rver load slowly under sanitizers and load).
std::string read_line(int fd) {
  std::string line;
  std::array<char, 64> buffer{};
  while (line.find('\n') == std::string::npos) {
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, 30'000) != 1) throw std::runtime_error("s3rver: did not start within 30 s");
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n <= 0) throw std::runtime_error("s3rver: exited during start-up");
    line.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return line.substr(0, line.find('\n'));
}

}  // namespace

bool s3rver::available() {
  return ::access(node, X_OK) == 0 && std::filesystem::exists(e2e_dir / "node_modules/s3rver/package.json");
}

s3rver::s3rver(std::string bucket) : bucket_(std::move(bucket)) {
  std::string pattern = (std::filesystem::temp_directory_path() / "s3rver-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("s3rver: mkdtemp failed");
  directory_ = pattern;
  std::array<int, 2> pipe_fds{};
  if (::pipe(pipe_fds.data()) != 0) throw std::runtime_error("s3rver: pipe failed");
  const std::string script = (e2e_dir / "lib/s3rver_main.mjs").string();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::close(pipe_fds[0]);
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    // s3rver 3.7 encrypts continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
    ::execl(node, node, "--openssl-legacy-provider", script.c_str(), directory_.c_str(), bucket_.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  if (pid_ < 0) {
    ::close(pipe_fds[0]);
    throw std::runtime_error("s3rver: fork failed");
  }
  try {
    port_ = static_cast<unsigned short>(std::stoi(read_line(pipe_fds[0])));
  } catch (...) {
    ::close(pipe_fds[0]);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    throw;
  }
  ::close(pipe_fds[0]);
}

s3rver::~s3rver() {
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::string s3rver::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string s3rver::virtual_host_endpoint() const { return "http://s3.localhost:" + std::to_string(port_); }

void s3rver::plant(const std::string& key, const std::string& bytes) const {
  std::ofstream(directory_ / bucket_ / (key + "._S3rver_object"), std::ios::binary) << bytes;
}

}  // namespace test_support
