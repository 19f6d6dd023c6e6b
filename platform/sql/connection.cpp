// Out-of-line destructor so the vtable of sql::connection is emitted in one place.
#include "platform/sql/connection.hpp"

namespace platform::sql {

connection::~connection() = default;

}  // namespace platform::sql
