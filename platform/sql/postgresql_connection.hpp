// Opens a PostgreSQL connection through libpq; the driver's types stay in the .cpp.
#pragma once

#include <memory>
#include <string>

#include "platform/sql/connection.hpp"

namespace platform::sql {

// url: anything libpq accepts as a connection string. Throws sql::error when the server is unreachable.
std::unique_ptr<connection> open_postgresql(const std::string& url);

}  // namespace platform::sql
