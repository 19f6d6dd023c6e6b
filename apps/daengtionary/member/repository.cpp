// Member repository over platform::sql.
#include "apps/daengtionary/member/repository.hpp"

#include "apps/daengtionary/member/sql.hpp"
#include "platform/sql/records.hpp"

namespace daengtionary::member::repository {
namespace records = platform::sql::records;

std::optional<member_record> find_by_email(connection& db, std::string_view email) {
  return records::first_of<member_record>(db.query(sql::find_by_email, {std::string(email)}));
}

std::optional<member_record> find_by_id(connection& db, std::int64_t member_no) {
  return records::first_of<member_record>(db.query(sql::find_by_id, {member_no}));
}

std::optional<member_record> find_by_kakao_id(connection& db, std::int64_t kakao_id) {
  return records::first_of<member_record>(db.query(sql::find_by_kakao_id, {kakao_id}));
}

bool email_exists(connection& db, std::string_view email) {
  return !db.query(sql::email_exists, {std::string(email)}).empty();
}

bool nick_exists(connection& db, std::string_view nick) {
  return !db.query(sql::nick_exists, {std::string(nick)}).empty();
}

std::int64_t insert(connection& db, const new_member& member, std::int64_t now) {
  return db
      .query(sql::insert, {member.email, member.password_hash, member.nick, member.role,
                           platform::sql::nullable(member.kakao_id), now, now})[0]
      .as_int(0);
}

void set_kakao_id(connection& db, std::int64_t member_no, std::int64_t kakao_id, std::int64_t now) {
  db.execute(sql::set_kakao_id, {kakao_id, now, member_no});
}

void update_nick(connection& db, std::int64_t member_no, std::string_view nick, std::int64_t now) {
  db.execute(sql::update_nick, {std::string(nick), now, member_no});
}

void save_refresh_token(connection& db, std::int64_t member_no, std::string_view token_hash, std::int64_t expires_at,
                        std::int64_t now) {
  db.execute(sql::save_refresh_token, {member_no, std::string(token_hash), expires_at, now});
}

}  // namespace daengtionary::member::repository
