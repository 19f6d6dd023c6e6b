// The auth keys, their checks and their defaults.
#include "platform/auth/settings.hpp"

#include "platform/auth/base64.hpp"
#include "platform/config/reader.hpp"

namespace platform::auth {

std::string read_jwt_key(config::reader& config, const std::string& env_name) {
  const auto secret = config.optional_text("jwt.secret");
  if (!secret) throw config::config_error("config key 'jwt.secret' is required (set " + env_name + ")");
  auto key = base64_decode(*secret);
  if (!key || key->size() < 32)
    throw config::config_error("config key 'jwt.secret' must be Base64 of at least 32 bytes");
  return std::move(*key);
}

std::optional<kakao_settings> read_kakao_settings(config::reader& config) {
  auto client_id = config.optional_text("kakao.client_id");
  auto redirect_uri = config.optional_text("kakao.redirect_uri");
  kakao_settings kakao;
  kakao.client_secret = config.optional_text("kakao.client_secret");
  kakao.token_url = config.text("kakao.token_url", kakao.token_url);
  kakao.user_info_url = config.text("kakao.user_info_url", kakao.user_info_url);
  kakao.admin_key = config.optional_text("kakao.admin_key");
  kakao.unlink_url = config.text("kakao.unlink_url", kakao.unlink_url);
  if (client_id.has_value() != redirect_uri.has_value()) {
    throw config::config_error("config keys 'kakao.client_id' and 'kakao.redirect_uri' go together");
  }
  if (!client_id) return std::nullopt;
  kakao.client_id = std::move(*client_id);
  kakao.redirect_uri = std::move(*redirect_uri);
  return kakao;
}

std::optional<livekit_settings> read_livekit_settings(config::reader& config) {
  auto api_key = config.optional_text("livekit.api_key");
  auto api_secret = config.optional_text("livekit.api_secret");
  auto url = config.optional_text("livekit.url");
  const int given = static_cast<int>(api_key.has_value()) + static_cast<int>(api_secret.has_value()) +
                    static_cast<int>(url.has_value());
  if (given == 0) return std::nullopt;
  if (given != 3)
    throw config::config_error("config keys 'livekit.api_key', 'livekit.api_secret' and 'livekit.url' go together");
  if (api_secret->size() < 32) throw config::config_error("config key 'livekit.api_secret' must be at least 32 bytes");
  return livekit_settings{std::move(*api_key), std::move(*api_secret), std::move(*url)};
}

}  // namespace platform::auth
