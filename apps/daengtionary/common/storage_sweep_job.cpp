// The sweep as a scheduled job: its period from the sweep settings, its summary for the job's log line.
#include "apps/daengtionary/common/storage_sweep_job.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "apps/daengtionary/common/async.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/storage/sweeper.hpp"

namespace daengtionary {
namespace {

asio::awaitable<std::string> sweep_once(platform::storage::sweeper* sweeps) {
  const auto counts = co_await sweeps->run_once();
  co_return fmt::format("storage sweep: scanned {} objects, removed {} unreferenced, removed {} abandoned writes{}",
                        counts.scanned, counts.removed, counts.abandoned_removed,
                        counts.stopped_at_bound ? " (stopped at the per-run bound)" : "");
}

}  // namespace

void add_storage_sweep(platform::jobs::scheduler& jobs, platform::storage::sweeper& sweeps,
                       const platform::storage::sweep_settings& settings) {
  using std::chrono::minutes;
  constexpr minutes day = std::chrono::hours(24);
  const auto rounded_up = std::chrono::ceil<minutes>(settings.interval);
  const minutes period = rounded_up.count() == 0 ? day : std::clamp(rounded_up, minutes(1), day);
  jobs.add("storage-sweep", platform::jobs::schedule::every(period, platform::jobs::asia_seoul),
           platform::jobs::runs::once_across_instances, [&sweeps](std::int64_t) { return sweep_once(&sweeps); });
}

}  // namespace daengtionary
