// Reading the push settings every app has the same way: the FCM service account and the endpoints.
#pragma once

#include <optional>

#include "platform/push/fcm.hpp"

namespace platform::config {
class reader;
}

namespace platform::push {

// `push.service_account_file` (the key file's path; absent: nullopt, pushes are off), `push.token_url` (default:
// the file's token_uri) and `push.fcm_url` (default https://fcm.googleapis.com). The file is read and checked
// here. Throws config::config_error naming the key.
std::optional<fcm_settings> read_fcm_settings(config::reader& config);

}  // namespace platform::push
