// Connection pool: lazily opened connections, a condition variable to wait for a free one.
#include "platform/sql/database.hpp"

#include <filesystem>
#include <string_view>

#include "platform/obs/platform_metrics.hpp"
#include "platform/sql/error.hpp"
#include "platform/sql/postgresql_connection.hpp"
#include "platform/sql/sqlite_connection.hpp"

namespace platform::sql {

std::unique_ptr<database> database::open(const std::string& url, io::blocking_pool& pool, std::size_t max_connections) {
  if (max_connections == 0) {
    throw error("sql: max_connections must be at least 1");
  }
  const std::string_view text(url);
  if (text.starts_with("sqlite:")) {
    const std::filesystem::path path(text.substr(7));
    if (path.empty()) {
      throw error("sql: url \"sqlite:\" names no file; expected sqlite:<path>");
    }
    if (path.has_parent_path()) {
      std::filesystem::create_directories(path.parent_path());
    }
    return std::make_unique<database>(
        dialect::sqlite, [path] { return open_sqlite(path); }, pool, max_connections);
  }
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    return std::make_unique<database>(
        dialect::postgresql, [url] { return open_postgresql(url); }, pool, max_connections);
  }
  // The url may carry a password, so only its scheme goes into the message.
  const auto colon = text.find(':');
  throw error("sql: unsupported database url scheme \"" +
              std::string(colon == std::string_view::npos ? std::string_view("(none)") : text.substr(0, colon)) +
              "\"; expected sqlite:<path> or postgresql://...");
}

database::database(dialect kind, connection_factory factory, io::blocking_pool& pool, std::size_t max_connections)
    : kind_(kind), factory_(std::move(factory)), pool_(pool), max_connections_(max_connections) {}

database::~database() = default;

database::lease database::acquire() {
  std::unique_lock lock(mutex_);
  if (idle_.empty() && open_ >= max_connections_) obs::metrics().db_waits.inc();
  freed_.wait(lock, [this] { return !idle_.empty() || open_ < max_connections_; });
  obs::metrics().db_connections_in_use.inc();  // given back by ~lease, or below if connecting fails
  while (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    // Checked again on the way out: the server may have ended an idle session (a PostgreSQL restart), and
    // handing it out would fail a request that a fresh connection serves.
    if (conn->reusable()) return lease(*this, std::move(conn));
    --open_;
    lock.unlock();
    conn.reset();  // may touch the network: not under the lock
    lock.lock();
  }
  // Reserve the slot, then connect without the lock: connecting may take a network round trip.
  ++open_;
  lock.unlock();
  try {
    return lease(*this, factory_());
  } catch (...) {
    obs::metrics().db_connections_in_use.dec();
    lock.lock();
    --open_;
    freed_.notify_one();
    throw;
  }
}

void database::release(std::unique_ptr<connection> conn) {
  // Deciding and destroying outside the lock: both may touch the network.
  if (!conn->reusable()) {
    conn.reset();
    const std::lock_guard lock(mutex_);
    --open_;
  } else {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
  }
  freed_.notify_one();
}

database::lease::~lease() {
  if (conn_) {
    obs::metrics().db_connections_in_use.dec();
    owner_->release(std::move(conn_));
  }
}

}  // namespace platform::sql
