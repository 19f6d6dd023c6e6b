// Kakao token exchange and user-info lookup, parsed defensively with Boost.JSON.
#include "platform/auth/kakao.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <spdlog/spdlog.h>

#include "platform/http/client.hpp"

namespace platform::auth {
namespace {

namespace json = boost::json;
using result = std::variant<kakao_user, kakao_failure>;

// What both originals showed when Kakao gave no nickname (and what a NOT NULL column needs).
constexpr std::string_view default_nickname = "카카오사용자";
// Kakao's documented content type for both calls.
constexpr std::string_view form_content_type = "application/x-www-form-urlencoded;charset=utf-8";
// Kakao codes are under 100 characters; anything far longer is not worth a round trip.
constexpr std::size_t max_code_size = 1024;
constexpr std::size_t max_access_token_size = 4096;

std::optional<json::object> parse_object(const std::string& body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) {
    return std::nullopt;
  }
  return std::move(parsed.as_object());
}

const json::object* object_at(const json::object* parent, std::string_view key) {
  if (parent == nullptr) {
    return nullptr;
  }
  const json::value* found = parent->if_contains(key);
  return found != nullptr ? found->if_object() : nullptr;
}

// Empty strings count as absent: Kakao sends "" for some fields the user did not fill in.
std::optional<std::string> string_at(const json::object* parent, std::string_view key) {
  if (parent == nullptr) {
    return std::nullopt;
  }
  const json::value* found = parent->if_contains(key);
  if (found == nullptr || !found->is_string() || found->get_string().empty()) {
    return std::nullopt;
  }
  return std::string(found->get_string());
}

std::optional<std::int64_t> positive_id(const json::object& root) {
  const json::value* id = root.if_contains("id");
  if (id == nullptr) {
    return std::nullopt;
  }
  if (const auto* i = id->if_int64(); i != nullptr && *i > 0) {
    return *i;
  }
  if (const auto* u = id->if_uint64();
      u != nullptr && *u > 0 && *u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(*u);
  }
  return std::nullopt;
}

// RFC 6750 b64token characters; anything else would be unsafe to put in a header we send.
bool plausible_token(std::string_view token) {
  return !token.empty() && token.size() <= max_access_token_size && std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("-._~+/=").find(c) != std::string_view::npos;
  });
}

// Kakao's machine-readable error fields (`error`, `error_code`) are safe to log; `error_description`
// may echo the code, so it is never logged. Anything unexpected is shown as "?".
std::string error_hint(const std::string& body) {
  const auto root = parse_object(body);
  auto field = [&](std::string_view key) -> std::string {
    auto value = string_at(root ? &*root : nullptr, key);
    if (!value || value->size() > 64 || !std::all_of(value->begin(), value->end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        })) {
      return "?";
    }
    return *value;
  };
  return field("error") + "/" + field("error_code");
}

bool is_success(long status) { return status >= 200 && status < 300; }

result fail(kakao_failure failure, std::string_view why) {
  if (failure == kakao_failure::rejected) {
    spdlog::info("kakao sign-in rejected: {}", why);
  } else {
    spdlog::warn("kakao sign-in unavailable: {}", why);
  }
  return failure;
}

std::variant<std::string, kakao_failure> fetch_access_token(const kakao_settings& settings,
                                                            const http::http_client& http, std::string_view code) {
  http::outbound_fields fields{{"grant_type", "authorization_code"},
                               {"client_id", settings.client_id},
                               {"redirect_uri", settings.redirect_uri},
                               {"code", std::string(code)}};
  if (settings.client_secret) {
    fields.emplace_back("client_secret", *settings.client_secret);
  }
  const auto response = http.post_form(settings.token_url, fields, {{"Content-type", std::string(form_content_type)}});

  if (response.status >= 400 && response.status < 500) {
    const auto why = "token endpoint answered " + std::to_string(response.status) + " " + error_hint(response.body);
    // 400 is the user's code (used twice, expired, redirect mismatch); 401 is invalid_client, i.e.
    // our configured client_id or secret, which an operator has to see.
    if (response.status == 400) {
      fail(kakao_failure::rejected, why);
    } else {
      spdlog::warn("kakao sign-in rejected (check kakao client_id/client_secret): {}", why);
    }
    return kakao_failure::rejected;
  }
  if (!is_success(response.status)) {
    fail(kakao_failure::unavailable, "token endpoint answered " + std::to_string(response.status));
    return kakao_failure::unavailable;
  }
  const auto root = parse_object(response.body);
  auto token = string_at(root ? &*root : nullptr, "access_token");
  if (!token || !plausible_token(*token)) {
    fail(kakao_failure::unavailable, "token response has no usable access_token");
    return kakao_failure::unavailable;
  }
  return std::move(*token);
}

result fetch_user(const kakao_settings& settings, const http::http_client& http, const std::string& access_token) {
  const auto response =
      http.post_form(settings.user_info_url, {},
                     {{"Authorization", "Bearer " + access_token}, {"Content-type", std::string(form_content_type)}});
  if (response.status == 401) {
    return fail(kakao_failure::rejected, "user-info answered 401 " + error_hint(response.body));
  }
  if (!is_success(response.status)) {
    return fail(kakao_failure::unavailable, "user-info answered " + std::to_string(response.status));
  }

  const auto root = parse_object(response.body);
  if (!root) {
    return fail(kakao_failure::unavailable, "user-info body is not a JSON object");
  }
  const auto id = positive_id(*root);
  if (!id) {
    return fail(kakao_failure::unavailable, "user-info has no positive integer id");
  }

  const json::object* properties = object_at(&*root, "properties");
  const json::object* account = object_at(&*root, "kakao_account");
  const json::object* profile = object_at(account, "profile");

  kakao_user user{*id, std::string(default_nickname), std::nullopt, false, std::nullopt};
  // Daengtionary's original read properties.nickname, Bbodok's kakao_account.profile.nickname; Kakao
  // fills both with the same value when the user consented, so either serves both apps.
  if (auto nickname = string_at(properties, "nickname")) {
    user.nickname = std::move(*nickname);
  } else if (auto profile_nickname = string_at(profile, "nickname")) {
    user.nickname = std::move(*profile_nickname);
  }
  user.email = string_at(account, "email");
  if (account != nullptr) {
    const json::value* verified = account->if_contains("is_email_verified");
    user.email_verified = verified != nullptr && verified->is_bool() && verified->get_bool();
  }
  user.profile_image = string_at(properties, "profile_image");
  if (!user.profile_image) {
    user.profile_image = string_at(profile, "profile_image_url");
  }
  return user;
}

// Kakao's code for a user the app is not linked to: an unlink sent twice (a retry whose first answer was lost).
bool not_linked(const std::string& body) {
  const auto root = parse_object(body);
  const json::value* code = root ? root->if_contains("code") : nullptr;
  return code != nullptr && code->is_int64() && code->get_int64() == -101;
}

}  // namespace

kakao_client::kakao_client(kakao_settings settings, const http::http_client& http)
    : settings_(std::move(settings)), http_(http) {}

std::variant<kakao_user, kakao_failure> kakao_client::sign_in(std::string_view authorization_code) const {
  if (authorization_code.empty() || authorization_code.size() > max_code_size) {
    return fail(kakao_failure::rejected, "authorization code is empty or too long");
  }
  try {
    auto token = fetch_access_token(settings_, http_, authorization_code);
    if (const auto* failure = std::get_if<kakao_failure>(&token)) {
      return *failure;
    }
    return fetch_user(settings_, http_, std::get<std::string>(token));
  } catch (const http::outbound_error& e) {
    return fail(kakao_failure::unavailable, e.what());
  } catch (const std::exception& e) {
    // A bug or resource exhaustion must still not surface as an exception in a login handler.
    return fail(kakao_failure::unavailable, std::string("unexpected error: ") + e.what());
  }
}

bool kakao_client::unlink(std::int64_t kakao_id) const {
  if (!settings_.admin_key) {
    spdlog::warn("kakao unlink of user {} not possible: kakao.admin_key is not set", kakao_id);
    return false;
  }
  try {
    const auto response = http_.post_form(
        settings_.unlink_url, {{"target_id_type", "user_id"}, {"target_id", std::to_string(kakao_id)}},
        {{"Authorization", "KakaoAK " + *settings_.admin_key}, {"Content-type", std::string(form_content_type)}});
    if (is_success(response.status) || (response.status == 400 && not_linked(response.body))) return true;
    spdlog::warn("kakao unlink of user {} answered {} {}", kakao_id, response.status, error_hint(response.body));
  } catch (const std::exception& e) {
    spdlog::warn("kakao unlink of user {} unavailable: {}", kakao_id, e.what());
  }
  return false;
}

}  // namespace platform::auth
