// Subcommands and their help texts.
#include "platform/cli/command_line.hpp"

#include <utility>

#include <fmt/format.h>

namespace platform::cli {

command_line::command_line(const std::string& description, const std::string& program, std::string default_config)
    : app(description, program), config_file(std::move(default_config)) {
  app.set_version_flag("--version", fmt::format("{} {}", program, PROJECT_VERSION));
  app.add_option("-c,--config", config_file, "TOML configuration file; environment variables override its keys")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  serve = app.add_subcommand("serve", "Apply pending migrations and serve HTTP (the default)");
  migrate = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  migrate_status = migrate->add_subcommand("status", "List the migrations, applied or pending, and change nothing");
  migrate->require_subcommand(0, 1);
  check_config = app.add_subcommand(
      "check-config", "Validate the configuration and print every effective value with its source, secrets masked");
  seed = app.add_subcommand("seed", "Load the demo data set into a database without members and exit");
  app.require_subcommand(0, 1);
}

}  // namespace platform::cli
