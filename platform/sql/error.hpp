// Exceptions thrown by the SQL drivers; the two constraint kinds that services turn into expected outcomes.
#pragma once

#include <stdexcept>

namespace platform::sql {

// Any driver failure. The message is the driver's text: for logs, never for a response body.
struct error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// UNIQUE or PRIMARY KEY violated (SQLSTATE 23505, SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY).
struct unique_violation : error {
  using error::error;
};

// FOREIGN KEY violated (SQLSTATE 23503, SQLITE_CONSTRAINT_FOREIGNKEY).
struct foreign_key_violation : error {
  using error::error;
};

}  // namespace platform::sql
