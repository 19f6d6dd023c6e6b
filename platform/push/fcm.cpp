// The token exchange and the send, parsed defensively with Boost.JSON; what an error answer means follows FCM's
// documented error codes (an `FcmError` detail carries the code, a `BadRequest` detail names the bad field).
#include "platform/push/fcm.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <spdlog/spdlog.h>

#include "platform/http/client.hpp"

namespace platform::push {
namespace {

namespace json = boost::json;

constexpr std::string_view scope = "https://www.googleapis.com/auth/firebase.messaging";
constexpr std::string_view jwt_bearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
// A token is renewed this long before Google says it expires, so no send goes out with one about to lapse.
constexpr std::chrono::seconds renewal_margin{60};
constexpr std::size_t max_access_token_size = 4096;

std::optional<json::object> parse_object(std::string_view body) {
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  return std::move(parsed.as_object());
}

std::string_view string_at(const json::object& parent, std::string_view key) {
  const auto* found = parent.if_contains(key);
  return found != nullptr && found->is_string() ? std::string_view(found->get_string()) : std::string_view();
}

// The parts of an error answer that say what went wrong: google.rpc status, FCM's error code, and the fields a
// BadRequest detail names. All machine-readable and free of the token, so they may be logged.
struct send_error {
  std::string status;
  std::string fcm_code;
  std::vector<std::string> bad_fields;
};

send_error read_error(std::string_view body) {
  send_error out;
  const auto root = parse_object(body);
  const auto* error = root ? root->if_contains("error") : nullptr;
  if (error == nullptr || !error->is_object()) return out;
  out.status = string_at(error->get_object(), "status");
  const auto* details = error->get_object().if_contains("details");
  if (details == nullptr || !details->is_array()) return out;
  for (const auto& detail : details->get_array()) {
    if (!detail.is_object()) continue;
    const auto type = string_at(detail.get_object(), "@type");
    if (type.ends_with("google.firebase.fcm.v1.FcmError")) out.fcm_code = string_at(detail.get_object(), "errorCode");
    const auto* violations = detail.get_object().if_contains("fieldViolations");
    if (!type.ends_with("google.rpc.BadRequest") || violations == nullptr || !violations->is_array()) continue;
    for (const auto& violation : violations->get_array()) {
      if (violation.is_object()) out.bad_fields.emplace_back(string_at(violation.get_object(), "field"));
    }
  }
  return out;
}

bool plausible_access_token(std::string_view token) {
  return !token.empty() && token.size() <= max_access_token_size && std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("-._~+/=").find(c) != std::string_view::npos;
  });
}

bool is_success(long status) { return status >= 200 && status < 300; }

}  // namespace

delivery classify_send_answer(long status, std::string_view body) {
  if (is_success(status)) return delivery::sent;
  const auto error = read_error(body);
  if (status == 404 || error.fcm_code == "UNREGISTERED") return delivery::invalid_token;
  // INVALID_ARGUMENT is about the token when FCM says so in its own detail or names the token as the bad field,
  // and no other field is named: a bad field of our message is not the device's fault.
  const bool only_token_named = std::all_of(error.bad_fields.begin(), error.bad_fields.end(),
                                            [](const std::string& f) { return f == "message.token"; });
  if (status == 400 && only_token_named && (error.fcm_code == "INVALID_ARGUMENT" || !error.bad_fields.empty())) {
    return delivery::invalid_token;
  }
  return delivery::failed;
}

fcm_client::fcm_client(fcm_settings settings, const http::http_client& http)
    : settings_(std::move(settings)),
      signer_(settings_.account),
      send_url_(settings_.fcm_url + "/v1/projects/" + settings_.account.project_id + "/messages:send"),
      http_(http) {}

std::string fcm_client::access_token() const {
  const std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!cached_.empty() && now < renew_at_) return cached_;
  cached_.clear();
  const auto assertion = signer_.sign(scope, settings_.token_url, std::chrono::system_clock::now());
  const auto answer =
      http_.post_form(settings_.token_url, {{"grant_type", std::string(jwt_bearer)}, {"assertion", assertion}}, {});
  const auto root = is_success(answer.status) ? parse_object(answer.body) : std::nullopt;
  const auto token = root ? string_at(*root, "access_token") : std::string_view();
  const auto* expires_in = root ? root->if_contains("expires_in") : nullptr;
  if (!plausible_access_token(token) || expires_in == nullptr || !expires_in->is_int64() ||
      expires_in->get_int64() <= 0) {
    const auto error = root ? string_at(*root, "error") : std::string_view();
    spdlog::warn("fcm: the token endpoint gave no access token (HTTP {}, error '{}')", answer.status,
                 error.size() <= 64 ? error : "?");
    return {};
  }
  const std::chrono::seconds lifetime(expires_in->get_int64());
  // A token shorter-lived than twice the margin is used for half its life.
  renew_at_ = now + (lifetime > 2 * renewal_margin ? lifetime - renewal_margin : lifetime / 2);
  cached_ = std::string(token);
  return cached_;
}

void fcm_client::forget(const std::string& access_token) const {
  const std::lock_guard lock(mutex_);
  if (cached_ == access_token) cached_.clear();
}

delivery fcm_client::send(const std::string& device_token, const notification& message) const {
  try {
    const auto token = access_token();
    if (token.empty()) return delivery::failed;
    const json::object body{
        {"message", json::object{{"token", device_token},
                                 {"notification", json::object{{"title", message.title}, {"body", message.body}}}}}};
    const auto answer = http_.post_json(send_url_, json::serialize(body), {{"Authorization", "Bearer " + token}});
    const auto outcome = classify_send_answer(answer.status, answer.body);
    if (outcome != delivery::sent) {
      const auto error = read_error(answer.body);
      spdlog::log(outcome == delivery::invalid_token ? spdlog::level::info : spdlog::level::warn,
                  "fcm: messages:send answered {} ({}/{}){}", answer.status,
                  error.status.size() <= 64 ? error.status : "?", error.fcm_code.size() <= 64 ? error.fcm_code : "?",
                  outcome == delivery::invalid_token ? ": the device token is no longer valid" : "");
    }
    // The access token was refused (revoked, or the clock is off): the next send fetches a new one.
    if (answer.status == 401) forget(token);
    return outcome;
  } catch (const http::outbound_error& e) {
    spdlog::warn("fcm: {}", e.what());
  } catch (const std::exception& e) {
    // A bug or resource exhaustion must not end the sender; the notification is retried.
    spdlog::error("fcm: unexpected error: {}", e.what());
  }
  return delivery::failed;
}

}  // namespace platform::push
