// Bbodok (뽀독뽀독) backend: command line and start-up errors; everything else is in app.cpp.
#include <iostream>

#include "apps/bbodok/app.hpp"
#include "platform/cli/command_line.hpp"
#include "platform/config/reader.hpp"
#include "platform/obs/logging.hpp"

int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape): only CLI11 setup errors (a bug) escape
  platform::cli::command_line cli("Bbodok (뽀독뽀독) backend", "bbodok", "config/bbodok.toml");
  std::string seed_dir = "seed/bbodok";
  bbodok::seed::bulk_size bulk;
  cli.seed->add_option("--data", seed_dir, "Directory with demo.json")->check(CLI::ExistingDirectory);
  cli.seed->add_option("--bulk-groups", bulk.groups,
                       "Also add this many synthetic groups (benchmarks; with --bulk-members)");
  cli.seed->add_option("--bulk-members", bulk.members, "Also add this many synthetic members in those groups");
  CLI11_PARSE(cli.app, argc, argv);

  try {
    auto file = platform::config::reader::from_file(cli.config_file, "BBODOK");
    const auto config = bbodok::load_settings(file);
    if (cli.check_config->parsed()) {
      platform::cli::print_config(std::cout, file.effective());
      return 0;
    }
    const platform::obs::logging logs(config.log_level, config.observability.format);
    if (cli.migrate_status->parsed()) {
      platform::cli::print_migrations(std::cout, bbodok::migration_status(config));
      return 0;
    }
    if (cli.migrate->parsed()) return bbodok::migrate(config);
    if (cli.seed->parsed()) return bbodok::seed_database(config, seed_dir, bulk);
    return bbodok::serve(config);
  } catch (const platform::config::config_error& e) {
    std::cerr << "bbodok: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bbodok: cannot start: " << e.what() << '\n';
    return 1;
  }
}
