// Reading the observability settings both apps share: the log format and whether metrics are on.
#pragma once

#include "platform/obs/logging.hpp"

namespace platform::config {
class reader;
}

namespace platform::obs {

struct observability_settings {
  log_format format = log_format::text;
  bool metrics = true;  // recorded, and served at GET /metrics
};

// `log.format` ("text" or "json") and `metrics.enabled` (default true). Throws config::config_error.
observability_settings read_observability_settings(config::reader& config);

}  // namespace platform::obs
