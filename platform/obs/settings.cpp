// `log.format` and `metrics.enabled`.
#include "platform/obs/settings.hpp"

#include "platform/config/reader.hpp"

namespace platform::obs {

observability_settings read_observability_settings(config::reader& config) {
  observability_settings s;
  const std::string format = config.text("log.format", "text");
  if (format == "json") {
    s.format = log_format::json;
  } else if (format != "text") {
    throw config::config_error("config key 'log.format' must be \"text\" or \"json\", not \"" + format + "\"");
  }
  s.metrics = config.boolean("metrics.enabled", true);
  return s;
}

}  // namespace platform::obs
