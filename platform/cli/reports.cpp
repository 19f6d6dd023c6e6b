// The two reports, aligned for a terminal.
#include "platform/cli/reports.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace platform::cli {

void print_config(std::ostream& out, const std::vector<config::setting>& settings) {
  std::size_t width = 0;
  for (const auto& s : settings) width = std::max(width, s.key.size() + s.value.size() + 3);
  for (const auto& s : settings) {
    const std::string assignment = fmt::format("{} = {}", s.key, s.value);
    out << fmt::format("{:<{}}  # {}\n", assignment, width, s.source);
  }
}

void print_migrations(std::ostream& out, const std::vector<sql::migration_state>& migrations) {
  for (const auto& m : migrations) {
    std::string state = "pending";
    if (m.applied_at) {
      const std::chrono::sys_seconds at{std::chrono::seconds(*m.applied_at)};
      state = fmt::format("applied {:%Y-%m-%d %H:%M:%S} UTC", at);
      if (m.file_missing) state += " (file no longer in the directory)";
    }
    out << fmt::format("{:>4}  {:<40}  {}\n", m.version, m.name, state);
  }
}

}  // namespace platform::cli
