// Daengtionary (댕과사전) backend: command line and start-up errors; everything else is in app.cpp.
#include <iostream>

#include "apps/daengtionary/app.hpp"
#include "platform/cli/command_line.hpp"
#include "platform/config/reader.hpp"
#include "platform/obs/logging.hpp"

int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape): only CLI11 setup errors (a bug) escape
  platform::cli::command_line cli("Daengtionary (댕과사전) backend", "daengtionary", "config/daengtionary.toml");
  std::string seed_dir = "seed/daengtionary";
  std::size_t bulk_posts = 0;
  cli.seed->add_option("--data", seed_dir, "Directory with demo.json and images/")->check(CLI::ExistingDirectory);
  cli.seed->add_option("--bulk-posts", bulk_posts, "Also add this many synthetic posts of each kind (benchmarks)");
  CLI11_PARSE(cli.app, argc, argv);

  try {
    auto file = platform::config::reader::from_file(cli.config_file, "DAENGTIONARY");
    const auto config = daengtionary::load_settings(file);
    if (cli.check_config->parsed()) {
      platform::cli::print_config(std::cout, file.effective());
      return 0;
    }
    const platform::obs::logging logs(config.log_level, config.observability.format);
    if (cli.migrate_status->parsed()) {
      platform::cli::print_migrations(std::cout, daengtionary::migration_status(config));
      return 0;
    }
    if (cli.migrate->parsed()) return daengtionary::migrate(config);
    if (cli.seed->parsed()) return daengtionary::seed_database(config, seed_dir, bulk_posts);
    return daengtionary::serve(config);
  } catch (const platform::config::config_error& e) {
    std::cerr << "daengtionary: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "daengtionary: cannot start: " << e.what() << '\n';
    return 1;
  }
}
