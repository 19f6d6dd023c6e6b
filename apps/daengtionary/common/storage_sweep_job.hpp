// The storage sweep of a fleet: one instance sweeps per scheduled fire (a jobs::scheduler lease in the shared
// database), instead of every instance at its own start and interval.
#pragma once

#include "platform/storage/sweep.hpp"

namespace platform::jobs {
class scheduler;
}
namespace platform::storage {
class sweeper;
}

namespace daengtionary {

// Every settings.interval rounded up to whole minutes (1 minute to 24 hours; 0, "only at start" for one
// instance, is daily here), once across the instances sharing the database; a missed fire is caught up at start.
void add_storage_sweep(platform::jobs::scheduler& jobs, platform::storage::sweeper& sweeps,
                       const platform::storage::sweep_settings& settings);

}  // namespace daengtionary
