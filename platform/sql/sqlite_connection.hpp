// Opens a SQLite connection; the driver's types stay in the .cpp.
#pragma once

#include <filesystem>
#include <memory>

#include "platform/sql/connection.hpp"

namespace platform::sql {

// WAL journal, foreign keys on, synchronous=NORMAL, busy_timeout 5 s. Throws sql::error.
std::unique_ptr<connection> open_sqlite(const std::filesystem::path& path);

}  // namespace platform::sql
