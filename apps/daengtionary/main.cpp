// Daengtionary (댕과사전) backend: command line and start-up errors; everything else is in app.cpp.
#include <iostream>

#include <CLI/CLI.hpp>

#include "apps/daengtionary/app.hpp"
#include "platform/config/reader.hpp"
#include "platform/obs/logging.hpp"

int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape): only CLI11 setup errors (a bug) escape
  CLI::App cli{"Daengtionary (댕과사전) backend"};
  std::string config_file = "config/daengtionary.toml";
  cli.add_option("-c,--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
  cli.add_subcommand("serve", "Apply migrations and serve HTTP (the default)");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  auto* seed = cli.add_subcommand("seed", "Load the demo data set into an empty database and exit");
  std::string seed_dir = "seed/daengtionary";
  std::size_t bulk_posts = 0;
  seed->add_option("--data", seed_dir, "Directory with demo.json and images/")->check(CLI::ExistingDirectory);
  seed->add_option("--bulk-posts", bulk_posts, "Also add this many synthetic posts of each kind (benchmarks)");
  cli.require_subcommand(0, 1);
  CLI11_PARSE(cli, argc, argv);

  try {
    const auto config = daengtionary::load_settings(config_file);
    const platform::obs::logging logs(config.log_level);
    if (migrate->parsed()) return daengtionary::migrate(config);
    if (seed->parsed()) return daengtionary::seed_database(config, seed_dir, bulk_posts);
    return daengtionary::serve(config);
  } catch (const platform::config::config_error& e) {
    std::cerr << "daengtionary: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "daengtionary: cannot start: " << e.what() << '\n';
    return 1;
  }
}
