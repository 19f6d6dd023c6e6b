// Authenticating requests, signing in, refreshing tokens, registering web-push clients.
#include "apps/bbodok/member/service.hpp"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <stdexcept>
#include <variant>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "apps/bbodok/member/access_token.hpp"
#include "apps/bbodok/member/repository.hpp"
#include "apps/bbodok/member/validation.hpp"
#include "platform/auth/digest.hpp"
#include "platform/auth/kakao.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::member {
namespace {

using platform::sql::connection;
using platform::time::now_micros;

// Idle entries leave after a while; withdrawal recomputes an entry whatever its age.
constexpr std::chrono::minutes active_lifetime{30};

std::string active_key(std::int64_t member_id) { return fmt::format("bbodok:active-member:{}", member_id); }

// The cached form of an active member: their record as JSON, or empty text for an id that names nobody active.
std::string stored(const std::optional<member_record>& member) {
  if (!member) return {};
  using boost::json::value;
  return boost::json::serialize(boost::json::object{{"id", member->member_id},
                                                    {"name", member->name},
                                                    {"profile", member->profile ? value(*member->profile) : value()},
                                                    {"email", member->email ? value(*member->email) : value()}});
}

std::optional<std::string> optional_field(const boost::json::object& json, std::string_view key) {
  const auto& field = json.at(key);
  if (field.is_null()) return std::nullopt;
  return std::string(field.as_string());
}

std::optional<member_record> restored(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const auto json = boost::json::parse(text).as_object();
  return member_record{json.at("id").as_int64(), std::string(json.at("name").as_string()),
                       optional_field(json, "profile"), optional_field(json, "email")};
}

asio::awaitable<platform::cache::computed> compute_active(platform::sql::database& db, std::string key) {
  std::int64_t member_id = 0;
  if (std::sscanf(key.c_str(), "bbodok:active-member:%" SCNd64, &member_id) != 1) {
    throw std::invalid_argument("not a member key: " + key);
  }
  const auto member = co_await db.run(find_active, member_id);
  co_return platform::cache::computed{stored(member), {std::move(key)}};
}

std::variant<platform::auth::kakao_user, platform::auth::kakao_failure> kakao_sign_in(
    const platform::auth::kakao_client* kakao, const std::string& code) {
  return kakao->sign_in(code);
}

failure kakao_unavailable() {
  return failure{errc::upstream_unavailable, "카카오 로그인을 지금 할 수 없어요. 잠시 후 다시 시도해 주세요."};
}

member_record kakao_member_row(connection& db, const new_member& user) {
  return repository::find_or_create_by_kakao(db, user, now_micros());
}

member_record dev_member_row(connection& db, const new_member& member) {
  return repository::create(db, member, now_micros());
}

// The member a stored refresh token belonged to, still a member, with the token replaced by new_hash.
std::optional<std::int64_t> rotate(connection& db, const std::string& old_hash, const std::string& new_hash,
                                   std::int64_t expires_at) {
  const auto member_id = repository::rotate_refresh_token(db, old_hash, new_hash, expires_at, now_micros());
  if (!member_id || !find_active(db, *member_id)) return std::nullopt;
  return member_id;
}

result<client_record> save_client(connection& db, std::int64_t member_id, const std::string& fcm_token) {
  if (!find_active(db, member_id)) return unauthenticated();
  return repository::save_client(db, member_id, fcm_token, now_micros());
}

}  // namespace

service::service(platform::sql::database& db, platform::io::blocking_pool& pool, platform::kv::cache& store,
                 const platform::auth::token_issuer& tokens, const platform::auth::kakao_client* kakao, bool dev_login)
    : db_(db),
      actives_(
          store, [&db](std::string key) { return compute_active(db, std::move(key)); },
          std::chrono::duration_cast<std::chrono::milliseconds>(active_lifetime)),
      pool_(pool),
      tokens_(tokens),
      kakao_(kakao),
      dev_login_(dev_login) {}

asio::awaitable<std::optional<member_record>> service::authenticate(std::string authorization) {
  const auto token = platform::auth::bearer_token(authorization);
  if (!token) co_return std::nullopt;
  const auto member_id = read_access_token(tokens_, *token, std::chrono::system_clock::now());
  if (!member_id) co_return std::nullopt;
  const std::string active = co_await actives_.get(active_key(*member_id));
  co_return restored(active);
}

asio::awaitable<result<member_record>> service::require(std::string authorization) {
  auto member = co_await authenticate(std::move(authorization));
  if (!member) co_return unauthenticated();
  co_return std::move(*member);
}

asio::awaitable<result<token_pair>> service::log_in_with_kakao(std::string code) {
  if (kakao_ == nullptr) co_return failure{errc::not_configured, "카카오 로그인이 설정되지 않았어요."};
  auto outcome = co_await pool_.run(kakao_sign_in, kakao_, std::move(code));
  if (const auto* refused = std::get_if<platform::auth::kakao_failure>(&outcome)) {
    if (*refused == platform::auth::kakao_failure::unavailable) {
      co_return kakao_unavailable();
    }
    co_return rule_broken("카카오 로그인에 실패했어요. 다시 로그인해 주세요.");
  }
  auto profile = kakao_member(std::get<platform::auth::kakao_user>(outcome));
  if (!profile) {
    spdlog::warn("kakao sign-in unavailable: user-info holds text no member can have");
    co_return kakao_unavailable();
  }
  const auto member = co_await db_.transact(kakao_member_row, std::move(*profile));
  co_return co_await issue_tokens(member.member_id);
}

asio::awaitable<result<token_pair>> service::dev_log_in(std::optional<new_member> profile) {
  // Off, the router's answer for a path it does not know: nothing tells that the route exists.
  if (!dev_login_) co_return failure{errc::not_found, "No handler for this path"};
  if (!profile) co_return bad_request();
  const auto member = co_await db_.transact(dev_member_row, std::move(*profile));
  co_return co_await issue_tokens(member.member_id);
}

asio::awaitable<result<token_pair>> service::refresh(std::string refresh_token) {
  const auto now = std::chrono::system_clock::now();
  std::string fresh = tokens_.issue_refresh(now);
  const auto expires_at =
      now_micros() + std::chrono::duration_cast<std::chrono::microseconds>(tokens_.refresh_ttl()).count();
  const auto member_id = co_await db_.transact(rotate, platform::auth::sha256_hex(refresh_token),
                                               platform::auth::sha256_hex(fresh), expires_at);
  if (!member_id) co_return invalid_refresh_token();
  co_return token_pair{issue_access_token(tokens_, *member_id, now), std::move(fresh)};
}

asio::awaitable<result<client_record>> service::register_client(std::int64_t member_id, std::string fcm_token) {
  if (!is_valid_fcm_token(fcm_token)) co_return bad_request();
  co_return co_await db_.transact(save_client, member_id, std::move(fcm_token));
}

asio::awaitable<void> service::changed(std::int64_t member_id) { co_await actives_.change(active_key(member_id)); }

asio::awaitable<token_pair> service::issue_tokens(std::int64_t member_id) {
  const auto now = std::chrono::system_clock::now();
  token_pair pair{issue_access_token(tokens_, member_id, now), tokens_.issue_refresh(now)};
  const auto expires_at =
      now_micros() + std::chrono::duration_cast<std::chrono::microseconds>(tokens_.refresh_ttl()).count();
  co_await db_.transact(repository::save_refresh_token, member_id, platform::auth::sha256_hex(pair.refresh_token),
                        expires_at, now_micros());
  co_return pair;
}

}  // namespace bbodok::member
