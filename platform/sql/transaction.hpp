// RAII transactions: BEGIN on construction, ROLLBACK on destruction unless committed.
#pragma once

#include <type_traits>
#include <utility>

#include "platform/sql/connection.hpp"

namespace platform::sql {

class transaction {
 public:
  // SQLite starts with BEGIN IMMEDIATE: taking the write lock up front avoids the deadlock of two
  // readers that both try to upgrade, which busy_timeout cannot resolve.
  explicit transaction(connection& conn);
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  ~transaction();

  void commit();

 private:
  connection& conn_;
  bool done_ = false;
};

// Runs fn(conn) in a transaction committed when fn returns and rolled back when it throws.
template <class F>
std::invoke_result_t<F&, connection&> in_transaction(connection& conn, F& fn) {
  transaction tx(conn);
  if constexpr (std::is_void_v<std::invoke_result_t<F&, connection&>>) {
    fn(conn);
    tx.commit();
  } else {
    auto result = fn(conn);
    tx.commit();
    return result;
  }
}

}  // namespace platform::sql
