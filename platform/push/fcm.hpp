// Firebase Cloud Messaging over the HTTP v1 API: an OAuth access token from the service account (cached until
// shortly before it expires), then one `messages:send` per device token.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

#include "platform/push/service_account.hpp"

namespace platform::http {
class http_client;
}

namespace platform::push {

// From configuration; the URLs are settable so that tests (and staging) can point at a stand-in.
struct fcm_settings {
  service_account account;
  std::string token_url;  // the OAuth token endpoint; normally the key file's token_uri
  std::string fcm_url = "https://fcm.googleapis.com";
};

struct notification {
  std::string title;
  std::string body;
};

enum class delivery {
  sent,
  invalid_token,  // FCM will never take this token again (UNREGISTERED, 404, INVALID_ARGUMENT on the token)
  failed          // anything else (network, 5xx, 429, OAuth refused): worth trying again later
};

// What an answer of `messages:send` means for its token. Pure, for the tests.
delivery classify_send_answer(long status, std::string_view body);

// One instance may be shared by all threads; the http_client must outlive it.
class fcm_client {
 public:
  // Throws std::invalid_argument when the account's private key is unusable.
  fcm_client(fcm_settings settings, const http::http_client& http);

  // Blocking (an HTTPS round trip, two when the access token is renewed): run it on the blocking pool. Never
  // throws for what the network or Google does; failures are logged without tokens or keys.
  delivery send(const std::string& device_token, const notification& message) const;

 private:
  // The cached access token, renewed when it is within a minute of expiring; empty when renewal failed.
  std::string access_token() const;
  void forget(const std::string& access_token) const;

  fcm_settings settings_;
  assertion_signer signer_;
  std::string send_url_;
  const http::http_client& http_;
  // Guards the cache; held across a renewal, so concurrent senders wait for one token instead of each fetching.
  mutable std::mutex mutex_;
  mutable std::string cached_;
  mutable std::chrono::steady_clock::time_point renew_at_;
};

}  // namespace platform::push
