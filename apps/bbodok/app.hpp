// Bbodok's composition root: builds pools, clients, services and routes from settings, in that order.
#pragma once

#include <filesystem>
#include <vector>

#include "apps/bbodok/seed/seed.hpp"
#include "apps/bbodok/settings.hpp"
#include "platform/sql/migrate.hpp"

namespace bbodok {

// Serves until SIGINT/SIGTERM, then drains; returns the process exit code.
int serve(const settings& config);
// Applies pending migrations and returns.
int migrate(const settings& config);
// The migrations against the configured database, applied or pending; changes nothing.
std::vector<platform::sql::migration_state> migration_status(const settings& config);
// Applies migrations, loads the demo set from data_dir unless the database has members, then adds the bulk
// data when its size is not zero; all in one transaction.
int seed_database(const settings& config, const std::filesystem::path& data_dir, seed::bulk_size bulk);

}  // namespace bbodok
