// A throw-away redis-server on a free loopback port, for tests of the Redis kv backends.
#pragma once

#include <string>

#include <sys/types.h>

namespace test_support {

// Starts redis-server (no persistence) on a free port and waits until it accepts connections; the destructor
// kills it. available() is false when no redis-server binary is installed (tests then skip with that reason).
class redis_server {
 public:
  redis_server();
  ~redis_server();
  redis_server(const redis_server&) = delete;
  redis_server& operator=(const redis_server&) = delete;

  [[nodiscard]] static bool available();
  [[nodiscard]] unsigned short port() const { return port_; }
  // redis://127.0.0.1:PORT
  [[nodiscard]] std::string url() const;

  // An outage: SIGKILL, and later a fresh server (empty) on the same port.
  void kill();
  void restart();
  // A server that accepts but does not answer (SIGSTOP), and its recovery (SIGCONT).
  void pause();
  void resume();

 private:
  void start();

  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace test_support
