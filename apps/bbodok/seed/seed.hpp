// The `seed` subcommand's loaders: the Korean demo set (seed/bbodok/demo.json) and synthetic bulk data for
// benchmarks. Times are relative to `now`, so the demo always shows a current fortnight.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "platform/sql/connection.hpp"

namespace bbodok::seed {

// Loads <data_dir>/demo.json into a database without members: members (all in group 1), groups with an invite
// path, an owner and each member's colour (a secret one with the file's password, hashed), rooms on every
// group's daily slots for the past fortnight (studied in, so ranks and histories show something) and the
// fortnight from today, and todos. Throws std::runtime_error naming what the file gets wrong. Returns false,
// changing nothing, when the database already has members, so `scripts/run` can seed on every start. Run it
// inside a transaction.
bool load_demo(platform::sql::connection& db, const std::filesystem::path& data_dir, std::int64_t now);

struct bulk_size {
  std::size_t groups = 0;
  std::size_t members = 0;
};

// Adds synthetic members (all in group 1, each in two of the new groups) and groups whose rooms fill a quarter
// of the 30-minute grid over the past and the coming fortnight, with one to four members each; group 1 gets
// rooms on the odd slots of the grid, so run it once per database. Run it inside a transaction.
void add_bulk(platform::sql::connection& db, bulk_size size, std::int64_t now);

}  // namespace bbodok::seed
