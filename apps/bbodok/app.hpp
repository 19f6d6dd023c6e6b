// Bbodok's composition root: builds pools, clients, services and routes from settings, in that order.
#pragma once

#include "apps/bbodok/settings.hpp"

namespace bbodok {

// Serves until SIGINT/SIGTERM, then drains; returns the process exit code.
int serve(const settings& config);
// Applies pending migrations and returns.
int migrate(const settings& config);

}  // namespace bbodok
