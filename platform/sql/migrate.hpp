// Versioned schema migrations from a directory of SQL files, recorded in schema_migrations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

struct migration_state {
  std::int64_t version = 0;
  std::string name;                        // the file for this dialect, or the recorded name when it is gone
  std::optional<std::int64_t> applied_at;  // Unix seconds; nullopt while pending
  bool file_missing = false;               // recorded as applied, but no longer in dir
};
// Every migration of dir and every recorded one, in version order; reads only (a database never migrated
// has every file pending).
std::vector<migration_state> migration_status(connection& conn, const std::filesystem::path& dir);

}  // namespace platform::sql
