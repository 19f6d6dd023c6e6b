// The `seed` subcommand's loader: the Korean demo data set (seed/daengtionary) and synthetic bulk posts.
#pragma once

#include <cstddef>
#include <filesystem>

#include "platform/sql/connection.hpp"

namespace platform::storage {
class object_store;
}

namespace daengtionary::seed {

// Loads <data_dir>/demo.json and its images (<data_dir>/images) into an empty database: members (all with
// the set's password), dogs, places with reviews, community posts with comments, trades, matchings with
// their group chat rooms and joins, personal chats, views and likes; each item checked by its feature's
// validate(), so a file the API would refuse throws std::runtime_error naming the item. Returns false, changing
// nothing, when the database already has members, so `scripts/run` can seed on every start. Run it inside a
// transaction.
bool load_demo(platform::sql::connection& db, platform::storage::object_store& store,
               const std::filesystem::path& data_dir);

// Adds `count` synthetic posts of each kind (places, community posts, trades), written by the demo members
// and without images, for benchmarks. Needs the demo set loaded. Run it inside a transaction.
void add_bulk_posts(platform::sql::connection& db, std::size_t count);

}  // namespace daengtionary::seed
