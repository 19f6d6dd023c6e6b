// Reading the auth settings every app has the same way: the JWT key, Kakao login, LiveKit.
#pragma once

#include <optional>
#include <string>

#include "platform/auth/kakao.hpp"
#include "platform/auth/livekit.hpp"

namespace platform::config {
class reader;
}

namespace platform::auth {

// The decoded bytes of `jwt.secret` (Base64 of at least 32 bytes; required, normally from the environment:
// the message names `env_name`). Throws config::config_error.
std::string read_jwt_key(config::reader& config, const std::string& env_name);

// `kakao.client_id` + `kakao.redirect_uri` (together or not at all; nullopt when absent), `kakao.client_secret`,
// `kakao.token_url`, `kakao.user_info_url`, `kakao.admin_key` (unlink on withdrawal), `kakao.unlink_url`. Throws
// config::config_error.
std::optional<kakao_settings> read_kakao_settings(config::reader& config);

// `livekit.api_key`, `livekit.api_secret` (normally from the environment) and `livekit.url`: all three or none
// (nullopt). Throws config::config_error.
std::optional<livekit_settings> read_livekit_settings(config::reader& config);

}  // namespace platform::auth
