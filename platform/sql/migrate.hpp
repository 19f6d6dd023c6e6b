// Versioned schema migrations from a directory of SQL files, recorded in schema_migrations.
#pragma once

#include <cstddef>
#include <filesystem>

#include "platform/sql/connection.hpp"

namespace platform::sql {

// Applies the migrations of dir not yet recorded in schema_migrations(version, name, applied_at), in
// version order, each in its own transaction; returns how many it applied.
//
// Files: NNNN_description.sql (portable) or NNNN_description.sqlite.sql / .postgresql.sql (one dialect;
// it replaces the portable file of the same version for that dialect). Other files are ignored; a .sql
// file without a numeric version, or a version given twice for one dialect, is an error (sql::error).
// In the text, {{id_primary_key}} becomes the dialect's auto-increment BIGINT primary key.
// Safe to run from several instances at once: each version is re-checked under a lock before it runs.
std::size_t migrate(connection& conn, const std::filesystem::path& dir);

}  // namespace platform::sql
