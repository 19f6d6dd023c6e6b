// Reading and writing member rows.
#include "apps/bbodok/member/repository.hpp"

#include "apps/bbodok/member/sql.hpp"

namespace bbodok::member {
namespace {

using platform::sql::value;

member_record record_of(const platform::sql::row& row) {
  return member_record{.member_id = row.as_int("member_id"),
                       .name = row.as_text("name"),
                       .profile = row.opt_text("profile"),
                       .email = row.opt_text("email")};
}

value optional_text(const std::optional<std::string>& text) { return text ? value(*text) : value(); }

}  // namespace

std::optional<member_record> find_active(platform::sql::connection& db, std::int64_t member_id) {
  const auto found = db.query(sql::find_active, {member_id});
  if (found.empty()) return std::nullopt;
  return record_of(found[0]);
}

namespace repository {

member_record create(platform::sql::connection& db, const new_member& member, std::int64_t now) {
  const auto inserted = db.query(sql::insert, {member.name, optional_text(member.profile), optional_text(member.email),
                                               member.kakao_id ? value(*member.kakao_id) : value(), now, now});
  return member_record{inserted.at(0).as_int(0), member.name, member.profile, member.email};
}

member_record find_or_create_by_kakao(platform::sql::connection& db, const new_member& kakao_user, std::int64_t now) {
  const auto lookup = [&] { return db.query(sql::find_active_by_kakao_id, {*kakao_user.kakao_id}); };
  if (const auto found = lookup(); !found.empty()) return record_of(found[0]);
  const auto inserted = db.query(sql::insert, {kakao_user.name, optional_text(kakao_user.profile),
                                               optional_text(kakao_user.email), *kakao_user.kakao_id, now, now});
  if (!inserted.empty()) return {inserted[0].as_int(0), kakao_user.name, kakao_user.profile, kakao_user.email};
  return record_of(lookup().at(0));  // a concurrent first sign-in made it
}

void save_refresh_token(platform::sql::connection& db, std::int64_t member_id, std::string_view token_hash,
                        std::int64_t expires_at, std::int64_t now) {
  db.execute(sql::save_refresh_token, {member_id, std::string(token_hash), expires_at, now});
}

std::optional<std::int64_t> rotate_refresh_token(platform::sql::connection& db, std::string_view old_hash,
                                                 std::string_view new_hash, std::int64_t expires_at, std::int64_t now) {
  const auto rotated =
      db.query(sql::rotate_refresh_token, {std::string(new_hash), expires_at, now, std::string(old_hash), now});
  if (rotated.empty()) return std::nullopt;
  return rotated[0].as_int(0);
}

client_record save_client(platform::sql::connection& db, std::int64_t member_id, std::string_view fcm_token,
                          std::int64_t now) {
  const auto saved = db.query(sql::upsert_client, {member_id, std::string(fcm_token), now, now});
  const auto& row = saved.at(0);
  return client_record{row.as_int("client_id"), row.as_int("member_id"), row.as_text("fcm_token")};
}

}  // namespace repository
}  // namespace bbodok::member
