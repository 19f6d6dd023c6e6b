// Bbodok (뽀독뽀독) backend: command line and start-up errors; everything else is in app.cpp.
#include <iostream>

#include <CLI/CLI.hpp>

#include "apps/bbodok/app.hpp"
#include "platform/config/reader.hpp"
#include "platform/obs/logging.hpp"

int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape): only CLI11 setup errors (a bug) escape
  CLI::App cli{"Bbodok (뽀독뽀독) backend"};
  std::string config_file = "config/bbodok.toml";
  cli.add_option("-c,--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
  cli.add_subcommand("serve", "Apply migrations and serve HTTP (the default)");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  auto* seed = cli.add_subcommand("seed", "Load the demo data set into a database without members and exit");
  std::string seed_dir = "seed/bbodok";
  bbodok::seed::bulk_size bulk;
  seed->add_option("--data", seed_dir, "Directory with demo.json")->check(CLI::ExistingDirectory);
  seed->add_option("--bulk-groups", bulk.groups,
                   "Also add this many synthetic groups (benchmarks; with --bulk-members)");
  seed->add_option("--bulk-members", bulk.members, "Also add this many synthetic members in those groups");
  cli.require_subcommand(0, 1);
  CLI11_PARSE(cli, argc, argv);

  try {
    const auto config = bbodok::load_settings(config_file);
    const platform::obs::logging logs(config.log_level);
    if (migrate->parsed()) return bbodok::migrate(config);
    if (seed->parsed()) return bbodok::seed_database(config, seed_dir, bulk);
    return bbodok::serve(config);
  } catch (const platform::config::config_error& e) {
    std::cerr << "bbodok: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bbodok: cannot start: " << e.what() << '\n';
    return 1;
  }
}
