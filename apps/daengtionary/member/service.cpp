// Member rules on top of the repository, the token issuer and the Kakao client.
#include "apps/daengtionary/member/service.hpp"

#include <chrono>

#include <fmt/format.h>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/member/access_token.hpp"
#include "apps/daengtionary/member/repository.hpp"
#include "apps/daengtionary/member/validation.hpp"
#include "platform/auth/digest.hpp"
#include "platform/auth/kakao.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/sql/database.hpp"
#include "platform/sql/error.hpp"

namespace daengtionary::member {
namespace {

using platform::sql::connection;

constexpr std::chrono::days refresh_lifetime{7};
constexpr std::size_t kakao_nick_max_bytes = 60;

// Kakao accounts without a shared email still need a unique subject for their tokens; `.invalid` is a
// reserved domain, so this can never be someone's real address.
std::string placeholder_email(std::int64_t kakao_id) {
  return fmt::format("kakao-{}@users.daengtionary.invalid", kakao_id);
}

// Nicks are unique; a Kakao nickname already taken gets the first free numeric suffix.
std::string free_nick(connection& db, std::string nick) {
  if (nick.size() > kakao_nick_max_bytes) nick.resize(kakao_nick_max_bytes);  // byte cut is fine: suffix below
  if (!repository::nick_exists(db, nick)) return nick;
  for (int suffix = 2;; ++suffix) {
    std::string candidate = fmt::format("{}{}", nick, suffix);
    if (!repository::nick_exists(db, candidate)) return candidate;
  }
}

// The member a Kakao user maps to, created or linked on first login.
result<member_record> kakao_member(connection& db, const platform::auth::kakao_user& user,
                                   const std::string& password_hash) {
  if (auto existing = repository::find_by_kakao_id(db, user.id)) return *existing;
  const std::string email = user.email ? normalize_email(*user.email) : placeholder_email(user.id);
  const std::int64_t now = now_micros();
  if (auto local = repository::find_by_email(db, email)) {
    // Linking an existing account is safe only when Kakao vouches that the user owns the address.
    if (!user.email_verified || local->kakao_id) return errc::duplicate_email;
    repository::set_kakao_id(db, local->member_no, user.id, now);
    local->kakao_id = user.id;
    return *local;
  }
  new_member created{email, password_hash, free_nick(db, user.nickname), "USER", user.id};
  const std::int64_t member_no = repository::insert(db, created, now);
  return member_record{member_no, created.email, created.password_hash, created.nick, created.role, user.id, now, now};
}

result<member_record> create_member(connection& db, const new_member& member) {
  // Checked first for the right error; the unique indexes settle races between two sign-ups.
  if (repository::email_exists(db, member.email)) return errc::duplicate_email;
  if (repository::nick_exists(db, member.nick)) return errc::duplicate_nick;
  const std::int64_t now = now_micros();
  try {
    const std::int64_t member_no = repository::insert(db, member, now);
    return member_record{member_no, member.email, member.password_hash, member.nick, member.role, std::nullopt,
                         now,       now};
  } catch (const platform::sql::unique_violation&) {
    return repository::email_exists(db, member.email) ? errc::duplicate_email : errc::duplicate_nick;
  }
}

result<void> rename_member(connection& db, std::int64_t member_no, const std::string& nick) {
  const auto current = repository::find_by_id(db, member_no);
  if (current && current->nick == nick) return {};
  if (repository::nick_exists(db, nick)) return errc::duplicate_nick;
  try {
    repository::update_nick(db, member_no, nick, now_micros());
  } catch (const platform::sql::unique_violation&) {
    return errc::duplicate_nick;
  }
  return {};
}

std::string hash_password(const std::string& password) { return platform::auth::hash_password(password); }

std::variant<platform::auth::kakao_user, platform::auth::kakao_failure> kakao_sign_in(
    const platform::auth::kakao_client* kakao, const std::string& code) {
  return kakao->sign_in(code);
}

}  // namespace

std::optional<member_record> find_member(connection& db, std::int64_t member_no) {
  return repository::find_by_id(db, member_no);
}

service::service(platform::sql::database& db, platform::io::blocking_pool& pool,
                 const platform::auth::token_issuer& tokens, const platform::auth::kakao_client* kakao,
                 std::optional<std::string> admin_code)
    : db_(db), pool_(pool), tokens_(tokens), kakao_(kakao), admin_code_(std::move(admin_code)) {}

asio::awaitable<bool> service::email_available(std::string email) {
  co_return !co_await db_.run(repository::email_exists, normalize_email(email));
}

asio::awaitable<bool> service::nick_available(std::string nick) {
  co_return !co_await db_.run(repository::nick_exists, std::move(nick));
}

asio::awaitable<result<member_record>> service::sign_up(signup_form form) {
  form.email = normalize_email(form.email);
  if (!is_valid_email(form.email) || !is_valid_password(form.password) || !is_valid_nick(form.nick) ||
      !is_valid_role(form.role)) {
    co_return errc::not_valid_content;
  }
  if (form.role == "ADMIN" && (!admin_code_ || form.admin_code != *admin_code_)) co_return errc::wrong_admin_code;

  std::string hash = co_await pool_.run(hash_password, form.password);
  new_member member{form.email, std::move(hash), form.nick, form.role, std::nullopt};
  co_return co_await db_.transact(create_member, std::move(member));
}

asio::awaitable<result<session_tokens>> service::log_in(std::string email, std::string password) {
  auto member = co_await db_.run(repository::find_by_email, normalize_email(email));
  if (!member) co_return errc::wrong_email;
  const bool matches = co_await pool_.run(platform::auth::verify_password, std::move(password), member->password_hash);
  if (!matches) co_return errc::wrong_password;
  co_return co_await issue_tokens(std::move(*member));
}

asio::awaitable<result<session_tokens>> service::log_in_with_kakao(std::string code) {
  auto outcome = co_await pool_.run(kakao_sign_in, kakao_, std::move(code));
  if (const auto* failure = std::get_if<platform::auth::kakao_failure>(&outcome)) {
    if (*failure == platform::auth::kakao_failure::unavailable) throw kakao_unavailable{};
    co_return errc::invalid_token;
  }
  const auto user = std::get<platform::auth::kakao_user>(std::move(outcome));
  // Kakao members log in through Kakao only: their password is a random secret nobody knows.
  std::string hash = co_await pool_.run(hash_password, platform::auth::random_secret(32));
  auto member = co_await db_.transact(kakao_member, user, std::move(hash));
  if (!member) co_return member.error();
  co_return co_await issue_tokens(std::move(*member));
}

asio::awaitable<session_tokens> service::issue_tokens(member_record member) {
  const auto now = std::chrono::system_clock::now();
  std::string access = issue_access_token(tokens_, access_claims{.email = member.email, .role = member.role}, now);
  session_tokens tokens{std::move(member), std::move(access), tokens_.issue_refresh(now)};
  const auto expires = now_micros() + std::chrono::duration_cast<std::chrono::microseconds>(refresh_lifetime).count();
  co_await db_.transact(repository::save_refresh_token, tokens.member.member_no,
                        platform::auth::sha256_hex(tokens.refresh_token), expires, now_micros());
  co_return tokens;
}

asio::awaitable<std::optional<member_record>> service::authenticate(std::string authorization) {
  const auto token = platform::auth::bearer_token(authorization);
  if (!token) co_return std::nullopt;
  const auto claims = read_access_token(tokens_, *token, std::chrono::system_clock::now());
  if (!claims) co_return std::nullopt;
  co_return co_await db_.run(repository::find_by_email, claims->email);
}

asio::awaitable<result<member_record>> service::require(std::string authorization) {
  auto member = co_await authenticate(std::move(authorization));
  if (!member) co_return errc::invalid_token;
  co_return std::move(*member);
}

asio::awaitable<result<void>> service::change_nick(std::int64_t member_no, std::string nick) {
  if (!is_valid_nick(nick)) co_return errc::not_valid_content;
  co_return co_await db_.transact(rename_member, member_no, std::move(nick));
}

}  // namespace daengtionary::member
