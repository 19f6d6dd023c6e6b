// The command line both apps share: serve (the default), migrate [status], check-config, seed, --config,
// --version and --help. Each app adds its own seed options and dispatches on what was parsed. Only the apps'
// main.cpp include this header (CLI11 is heavy).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "platform/cli/reports.hpp"

namespace platform::cli {

struct command_line {
  // program: the binary's name ("bbodok"); default_config: the TOML file used without --config.
  command_line(const std::string& description, const std::string& program, std::string default_config);

  CLI::App app;
  std::string config_file;
  CLI::App* serve = nullptr;
  CLI::App* migrate = nullptr;
  CLI::App* migrate_status = nullptr;  // `migrate status`: list, apply nothing
  CLI::App* check_config = nullptr;
  CLI::App* seed = nullptr;
};

}  // namespace platform::cli
