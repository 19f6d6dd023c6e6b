// What check-config and migrate status print.
#pragma once

#include <ostream>
#include <vector>

#include "platform/config/reader.hpp"
#include "platform/sql/migrate.hpp"

namespace platform::cli {

// One `key = value  # source` line per key the app read, secrets masked.
void print_config(std::ostream& out, const std::vector<config::setting>& settings);
// One line per migration: applied (with its date) or pending.
void print_migrations(std::ostream& out, const std::vector<sql::migration_state>& migrations);

}  // namespace platform::cli
