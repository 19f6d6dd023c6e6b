// The push keys, their defaults, and the key file read at start so that a bad one stops the process.
#include "platform/push/settings.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "platform/config/reader.hpp"

namespace platform::push {

std::optional<fcm_settings> read_fcm_settings(config::reader& config) {
  const auto file = config.optional_text("push.service_account_file");
  auto token_url = config.optional_text("push.token_url");
  auto fcm_url = config.text("push.fcm_url", fcm_settings{}.fcm_url);
  if (!file) return std::nullopt;
  std::ifstream in(*file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw config::config_error("config key 'push.service_account_file': cannot read " + *file);
  fcm_settings settings;
  try {
    settings.account = parse_service_account(text.str());
    assertion_signer check(settings.account);  // a key OpenSSL cannot use stops the start, not the first push
  } catch (const std::invalid_argument& e) {
    throw config::config_error("config key 'push.service_account_file': " + std::string(e.what()));
  }
  settings.token_url = token_url ? std::move(*token_url) : settings.account.token_uri;
  settings.fcm_url = std::move(fcm_url);
  while (settings.fcm_url.ends_with('/')) settings.fcm_url.pop_back();
  return settings;
}

}  // namespace platform::push
