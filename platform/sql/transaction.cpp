// BEGIN / COMMIT / ROLLBACK for sql::transaction.
#include "platform/sql/transaction.hpp"

namespace platform::sql {

transaction::transaction(connection& conn) : conn_(conn) {
  conn_.execute(conn_.kind() == dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
}

transaction::~transaction() {
  if (done_) {
    return;
  }
  try {
    conn_.execute("ROLLBACK");
  } catch (...) {
    // Already unwinding or the link is gone; a connection left inside a transaction reports itself
    // not reusable, so the pool discards it instead of handing it out.
  }
}

void transaction::commit() {
  conn_.execute("COMMIT");
  // Only after success: a COMMIT that fails (SQLITE_BUSY) leaves SQLite inside the transaction, and the
  // destructor must still roll it back.
  done_ = true;
}

}  // namespace platform::sql
