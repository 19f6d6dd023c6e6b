// Daengtionary's composition root: builds pools, clients, services and routes from settings, in that order.
#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

#include "apps/daengtionary/settings.hpp"
#include "platform/sql/migrate.hpp"

namespace daengtionary {

// Serves until SIGINT/SIGTERM, then drains; returns the process exit code.
int serve(const settings& config);
// Applies pending migrations and returns.
int migrate(const settings& config);
// The migrations against the configured database, applied or pending; changes nothing.
std::vector<platform::sql::migration_state> migration_status(const settings& config);
// Applies pending migrations, loads the demo data set from data_dir into an empty database (a database with
// members is left as it is), then adds bulk_posts synthetic posts of each kind.
int seed_database(const settings& config, const std::filesystem::path& data_dir, std::size_t bulk_posts);

}  // namespace daengtionary
