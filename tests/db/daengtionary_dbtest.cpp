// Daengtionary's member and dog repositories over the real migrations, on SQLite and on PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/daengtionary/member/repository.hpp"
#include "apps/daengtionary/mypage/repository.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/error.hpp"
#include "platform/sql/migrate.hpp"
#include "tests/db/daengtionary_database.hpp"

namespace {

namespace sql = platform::sql;
namespace members = daengtionary::member::repository;
namespace dogs = daengtionary::mypage::repository;
using daengtionary::member::member_record;
using daengtionary::member::new_member;
using daengtionary::mypage::dog_record;
using test_db::count_rows;
using test_db::t0;
using test_db::t1;

dog_record dog(std::int64_t member_no, const std::string& name, std::optional<std::string> image = std::nullopt) {
  return dog_record{0, member_no, name, "말티즈", "수컷", 3.5, std::move(image)};
}

template <class Backend>
class DaengtionaryRepository : public test_db::daengtionary_database<Backend> {
 protected:
  DaengtionaryRepository() : test_db::daengtionary_database<Backend>("daengtionary_dbtest") {}
};

TYPED_TEST_SUITE(DaengtionaryRepository, test_db::backends, test_db::backend_names);

TYPED_TEST(DaengtionaryRepository, AppliesMigrationsOnceWhenRunTwice) {
  EXPECT_GE(this->applied_, 1U);
  EXPECT_EQ(sql::migrate(this->conn(), MIGRATIONS_DIR), 0U);
  EXPECT_EQ(count_rows(this->conn(), "member"), 0);
  EXPECT_EQ(count_rows(this->conn(), "dog"), 0);
  EXPECT_EQ(count_rows(this->conn(), "refresh_token"), 0);
}

TYPED_TEST(DaengtionaryRepository, FindsMemberByEmailWhenInserted) {
  const std::int64_t id = this->add_member("dang@example.com", "댕댕");
  EXPECT_GT(id, 0);
  const auto found = members::find_by_email(this->conn(), "dang@example.com");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->member_no, id);
  EXPECT_EQ(found->email, "dang@example.com");
  EXPECT_EQ(found->password_hash, "$2a$10$hash-of-댕댕");
  EXPECT_EQ(found->nick, "댕댕");
  EXPECT_EQ(found->role, "USER");
  EXPECT_EQ(found->kakao_id, std::nullopt);
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t0);
}

TYPED_TEST(DaengtionaryRepository, ReturnsNulloptWhenMemberUnknown) {
  this->add_member("dang@example.com", "댕댕", 42);
  EXPECT_EQ(members::find_by_email(this->conn(), "other@example.com"), std::nullopt);
  EXPECT_EQ(members::find_by_email(this->conn(), "DANG@example.com"), std::nullopt)
      << "lookups are exact; the service lower-cases";
  EXPECT_EQ(members::find_by_id(this->conn(), 987654), std::nullopt);
  EXPECT_EQ(members::find_by_kakao_id(this->conn(), 43), std::nullopt);
}

TYPED_TEST(DaengtionaryRepository, FindsMemberByIdWhenSeveralExist) {
  const std::int64_t first = this->add_member("a@example.com", "aa");
  const std::int64_t second = this->add_member("b@example.com", "bb");
  EXPECT_NE(first, second);
  const auto found = members::find_by_id(this->conn(), second);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->email, "b@example.com");
  EXPECT_EQ(found->nick, "bb");
  EXPECT_EQ(members::find_by_id(this->conn(), first)->nick, "aa");
}

TYPED_TEST(DaengtionaryRepository, FindsMemberByKakaoIdWhenInsertedWithOne) {
  const std::int64_t kakao = 2'450'000'123;  // beyond 32 bits, as Kakao ids are
  const std::int64_t id = this->add_member("kakao@example.com", "카카오", kakao);
  const auto found = members::find_by_kakao_id(this->conn(), kakao);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->member_no, id);
  EXPECT_EQ(found->kakao_id, std::optional<std::int64_t>(kakao));
}

TYPED_TEST(DaengtionaryRepository, StoresEveryRoleWhenAllowed) {
  const char* roles[] = {"USER", "BUSINESS", "ADMIN"};
  int n = 0;
  for (const char* role : roles) {
    const std::string suffix = std::to_string(n++);
    const std::int64_t id = members::insert(
        this->conn(), new_member{"r" + suffix + "@example.com", "h", "nick" + suffix, role, std::nullopt}, t0);
    EXPECT_EQ(members::find_by_id(this->conn(), id)->role, role);
  }
}

TYPED_TEST(DaengtionaryRepository, ReportsExistenceWhenEmailOrNickTaken) {
  EXPECT_FALSE(members::email_exists(this->conn(), "dang@example.com"));
  EXPECT_FALSE(members::nick_exists(this->conn(), "댕댕"));
  this->add_member("dang@example.com", "댕댕");
  EXPECT_TRUE(members::email_exists(this->conn(), "dang@example.com"));
  EXPECT_TRUE(members::nick_exists(this->conn(), "댕댕"));
  EXPECT_FALSE(members::email_exists(this->conn(), "dang@example.co"));
  EXPECT_FALSE(members::nick_exists(this->conn(), "댕"));
  EXPECT_FALSE(members::nick_exists(this->conn(), "댕댕댕"));
}

TYPED_TEST(DaengtionaryRepository, ThrowsUniqueViolationWhenEmailTaken) {
  this->add_member("dang@example.com", "댕댕");
  EXPECT_THROW(this->add_member("dang@example.com", "멍멍"), sql::unique_violation);
  EXPECT_EQ(count_rows(this->conn(), "member"), 1);
}

TYPED_TEST(DaengtionaryRepository, ThrowsUniqueViolationWhenNickTaken) {
  this->add_member("dang@example.com", "댕댕");
  EXPECT_THROW(this->add_member("other@example.com", "댕댕"), sql::unique_violation);
  EXPECT_EQ(count_rows(this->conn(), "member"), 1);
}

TYPED_TEST(DaengtionaryRepository, ThrowsUniqueViolationWhenKakaoIdTaken) {
  this->add_member("a@example.com", "aa", 77);
  EXPECT_THROW(this->add_member("b@example.com", "bb", 77), sql::unique_violation);
  // Several members without a Kakao id are fine: NULLs never collide.
  this->add_member("c@example.com", "cc");
  this->add_member("d@example.com", "dd");
  EXPECT_EQ(count_rows(this->conn(), "member"), 3);
}

TYPED_TEST(DaengtionaryRepository, LinksKakaoIdWhenSet) {
  const std::int64_t id = this->add_member("dang@example.com", "댕댕");
  members::set_kakao_id(this->conn(), id, 555, t1);
  const auto found = members::find_by_kakao_id(this->conn(), 555);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->member_no, id);
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t1);
}

TYPED_TEST(DaengtionaryRepository, ThrowsUniqueViolationWhenKakaoIdSetTwice) {
  this->add_member("a@example.com", "aa", 555);
  const std::int64_t other = this->add_member("b@example.com", "bb");
  EXPECT_THROW(members::set_kakao_id(this->conn(), other, 555, t1), sql::unique_violation);
  EXPECT_EQ(members::find_by_id(this->conn(), other)->kakao_id, std::nullopt);
}

TYPED_TEST(DaengtionaryRepository, ChangesNickWhenUpdated) {
  const std::int64_t id = this->add_member("dang@example.com", "댕댕");
  members::update_nick(this->conn(), id, "멍멍이", t1);
  const auto found = members::find_by_id(this->conn(), id);
  EXPECT_EQ(found->nick, "멍멍이");
  EXPECT_EQ(found->modified_at, t1);
  EXPECT_FALSE(members::nick_exists(this->conn(), "댕댕"));
  EXPECT_TRUE(members::nick_exists(this->conn(), "멍멍이"));
}

TYPED_TEST(DaengtionaryRepository, ThrowsUniqueViolationWhenNickUpdatedToTakenOne) {
  this->add_member("a@example.com", "댕댕");
  const std::int64_t other = this->add_member("b@example.com", "멍멍");
  EXPECT_THROW(members::update_nick(this->conn(), other, "댕댕", t1), sql::unique_violation);
  EXPECT_EQ(members::find_by_id(this->conn(), other)->nick, "멍멍");
  // Setting one's own nick again is not a collision.
  EXPECT_NO_THROW(members::update_nick(this->conn(), other, "멍멍", t1));
}

TYPED_TEST(DaengtionaryRepository, KeepsOneRefreshTokenWhenSavedTwice) {
  const std::int64_t id = this->add_member("dang@example.com", "댕댕");
  members::save_refresh_token(this->conn(), id, "hash-1", t0 + 1000, t0);
  members::save_refresh_token(this->conn(), id, "hash-2", t1 + 1000, t1);
  const auto r = this->conn().query("SELECT member_no, token_hash, expires_at, created_at FROM refresh_token");
  ASSERT_EQ(r.size(), 1U);
  EXPECT_EQ(r[0].as_int(0), id);
  EXPECT_EQ(r[0].as_text(1), "hash-2");
  EXPECT_EQ(r[0].as_int(2), t1 + 1000);
  EXPECT_EQ(r[0].as_int(3), t1);
}

TYPED_TEST(DaengtionaryRepository, KeepsTokensApartWhenMembersDiffer) {
  const std::int64_t a = this->add_member("a@example.com", "aa");
  const std::int64_t b = this->add_member("b@example.com", "bb");
  members::save_refresh_token(this->conn(), a, "hash-a", t0, t0);
  members::save_refresh_token(this->conn(), b, "hash-b", t0, t0);
  members::save_refresh_token(this->conn(), a, "hash-a2", t1, t1);
  const auto r = this->conn().query("SELECT member_no, token_hash FROM refresh_token ORDER BY member_no");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[0].as_int(0), a);
  EXPECT_EQ(r[0].as_text(1), "hash-a2");
  EXPECT_EQ(r[1].as_int(0), b);
  EXPECT_EQ(r[1].as_text(1), "hash-b");
}

TYPED_TEST(DaengtionaryRepository, RejectsRefreshTokenWhenMemberUnknown) {
  EXPECT_THROW(members::save_refresh_token(this->conn(), 987654, "hash", t0, t0), sql::foreign_key_violation);
}

TYPED_TEST(DaengtionaryRepository, RejectsRoleWhenNotInCheckList) {
  for (const char* role : {"GUEST", "user", "ROLE_USER", ""}) {
    try {
      members::insert(this->conn(), new_member{"x@example.com", "h", "xx", role, std::nullopt}, t0);
      ADD_FAILURE() << "role '" << role << "' accepted";
    } catch (const sql::unique_violation&) {
      ADD_FAILURE() << "a CHECK failure reported as a unique violation";
    } catch (const sql::foreign_key_violation&) {
      ADD_FAILURE() << "a CHECK failure reported as a foreign key violation";
    } catch (const sql::error&) {
    }
  }
  EXPECT_EQ(count_rows(this->conn(), "member"), 0);
}

TYPED_TEST(DaengtionaryRepository, FindsDogWhenInserted) {
  const std::int64_t owner = this->add_member("dang@example.com", "댕댕");
  const std::int64_t id = dogs::insert_dog(this->conn(), dog(owner, "뽀삐", "https://img.example/p.png"), t0);
  EXPECT_GT(id, 0);
  const auto found = dogs::find_dog(this->conn(), id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->dog_no, id);
  EXPECT_EQ(found->member_no, owner);
  EXPECT_EQ(found->name, "뽀삐");
  EXPECT_EQ(found->breed, "말티즈");
  EXPECT_EQ(found->gender, "수컷");
  EXPECT_EQ(found->weight, 3.5);
  EXPECT_EQ(found->image, std::optional<std::string>("https://img.example/p.png"));
  const auto times = this->conn().query("SELECT created_at, modified_at FROM dog WHERE dog_no = ?", {id});
  EXPECT_EQ(times[0].as_int(0), t0);
  EXPECT_EQ(times[0].as_int(1), t0);
}

TYPED_TEST(DaengtionaryRepository, StoresNullImageWhenDogHasNone) {
  const std::int64_t owner = this->add_member("dang@example.com", "댕댕");
  const std::int64_t id = dogs::insert_dog(this->conn(), dog(owner, "초코"), t0);
  EXPECT_EQ(dogs::find_dog(this->conn(), id)->image, std::nullopt);
  EXPECT_TRUE(this->conn().query("SELECT image FROM dog WHERE dog_no = ?", {id})[0].is_null(0));
}

TYPED_TEST(DaengtionaryRepository, ReturnsNulloptWhenDogUnknown) {
  EXPECT_EQ(dogs::find_dog(this->conn(), 987654), std::nullopt);
  EXPECT_TRUE(dogs::dogs_of(this->conn(), 987654).empty());
}

TYPED_TEST(DaengtionaryRepository, ListsOnlyOwnDogsInInsertOrderWhenSeveralMembers) {
  const std::int64_t a = this->add_member("a@example.com", "aa");
  const std::int64_t b = this->add_member("b@example.com", "bb");
  const std::int64_t first = dogs::insert_dog(this->conn(), dog(a, "하나"), t0);
  const std::int64_t others = dogs::insert_dog(this->conn(), dog(b, "남의개"), t0);
  const std::int64_t second = dogs::insert_dog(this->conn(), dog(a, "둘"), t0);
  const std::int64_t third = dogs::insert_dog(this->conn(), dog(a, "셋"), t0);
  const auto list = dogs::dogs_of(this->conn(), a);
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].dog_no, first);
  EXPECT_EQ(list[0].name, "하나");
  EXPECT_EQ(list[1].dog_no, second);
  EXPECT_EQ(list[1].name, "둘");
  EXPECT_EQ(list[2].dog_no, third);
  EXPECT_EQ(list[2].name, "셋");
  for (const auto& d : list) {
    EXPECT_EQ(d.member_no, a);
  }
  const auto theirs = dogs::dogs_of(this->conn(), b);
  ASSERT_EQ(theirs.size(), 1U);
  EXPECT_EQ(theirs[0].dog_no, others);
}

TYPED_TEST(DaengtionaryRepository, RewritesEveryFieldWhenDogUpdated) {
  const std::int64_t owner = this->add_member("dang@example.com", "댕댕");
  const std::int64_t id = dogs::insert_dog(this->conn(), dog(owner, "뽀삐", "https://img.example/old.png"), t0);
  const std::int64_t untouched = dogs::insert_dog(this->conn(), dog(owner, "그대로"), t0);
  dogs::update_dog(this->conn(), dog_record{id, owner, "뽀순이", "푸들", "암컷", 0.1, "https://img.example/new.png"},
                   t1);
  const auto found = dogs::find_dog(this->conn(), id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "뽀순이");
  EXPECT_EQ(found->breed, "푸들");
  EXPECT_EQ(found->gender, "암컷");
  EXPECT_EQ(found->weight, 0.1);
  EXPECT_EQ(found->image, std::optional<std::string>("https://img.example/new.png"));
  const auto times = this->conn().query("SELECT created_at, modified_at FROM dog WHERE dog_no = ?", {id});
  EXPECT_EQ(times[0].as_int(0), t0);
  EXPECT_EQ(times[0].as_int(1), t1);
  EXPECT_EQ(dogs::find_dog(this->conn(), untouched)->name, "그대로");
}

TYPED_TEST(DaengtionaryRepository, ClearsImageWhenDogUpdatedWithoutOne) {
  const std::int64_t owner = this->add_member("dang@example.com", "댕댕");
  const std::int64_t id = dogs::insert_dog(this->conn(), dog(owner, "뽀삐", "https://img.example/old.png"), t0);
  dogs::update_dog(this->conn(), dog_record{id, owner, "뽀삐", "말티즈", "수컷", 3.5, std::nullopt}, t1);
  EXPECT_EQ(dogs::find_dog(this->conn(), id)->image, std::nullopt);
}

TYPED_TEST(DaengtionaryRepository, SetsAndClearsImageWhenImageUpdated) {
  const std::int64_t owner = this->add_member("dang@example.com", "댕댕");
  const std::int64_t id = dogs::insert_dog(this->conn(), dog(owner, "뽀삐"), t0);
  dogs::update_image(this->conn(), id, std::string("https://img.example/a.png"), t1);
  auto found = dogs::find_dog(this->conn(), id);
  EXPECT_EQ(found->image, std::optional<std::string>("https://img.example/a.png"));
  EXPECT_EQ(found->name, "뽀삐") << "only the image changes";
  EXPECT_EQ(this->conn().query("SELECT modified_at FROM dog WHERE dog_no = ?", {id})[0].as_int(0), t1);

  dogs::update_image(this->conn(), id, std::nullopt, t1 + 1);
  EXPECT_EQ(dogs::find_dog(this->conn(), id)->image, std::nullopt);
  EXPECT_TRUE(this->conn().query("SELECT image FROM dog WHERE dog_no = ?", {id})[0].is_null(0));
  EXPECT_EQ(this->conn().query("SELECT modified_at FROM dog WHERE dog_no = ?", {id})[0].as_int(0), t1 + 1);
}

TYPED_TEST(DaengtionaryRepository, RemovesOnlyThatDogWhenDeleted) {
  const std::int64_t owner = this->add_member("dang@example.com", "댕댕");
  const std::int64_t gone = dogs::insert_dog(this->conn(), dog(owner, "하나"), t0);
  const std::int64_t kept = dogs::insert_dog(this->conn(), dog(owner, "둘"), t0);
  dogs::delete_dog(this->conn(), gone);
  EXPECT_EQ(dogs::find_dog(this->conn(), gone), std::nullopt);
  ASSERT_TRUE(dogs::find_dog(this->conn(), kept).has_value());
  EXPECT_EQ(dogs::dogs_of(this->conn(), owner).size(), 1U);
  EXPECT_NO_THROW(dogs::delete_dog(this->conn(), gone)) << "deleting a missing dog is a no-op";
}

TYPED_TEST(DaengtionaryRepository, RejectsDogWhenMemberUnknown) {
  EXPECT_THROW(dogs::insert_dog(this->conn(), dog(987654, "유령"), t0), sql::foreign_key_violation);
  EXPECT_EQ(count_rows(this->conn(), "dog"), 0);
}

TYPED_TEST(DaengtionaryRepository, RejectsGenderWhenNotInCheckList) {
  const std::int64_t owner = this->add_member("dang@example.com", "댕댕");
  for (const char* gender : {"male", "수", "", "수컷 "}) {
    try {
      dogs::insert_dog(this->conn(), dog_record{0, owner, "뽀삐", "말티즈", gender, 1, std::nullopt}, t0);
      ADD_FAILURE() << "gender '" << gender << "' accepted";
    } catch (const sql::unique_violation&) {
      ADD_FAILURE() << "a CHECK failure reported as a unique violation";
    } catch (const sql::foreign_key_violation&) {
      ADD_FAILURE() << "a CHECK failure reported as a foreign key violation";
    } catch (const sql::error&) {
    }
  }
  const std::int64_t id = dogs::insert_dog(this->conn(), dog(owner, "뽀삐"), t0);
  EXPECT_THROW(dogs::update_dog(this->conn(), dog_record{id, owner, "뽀삐", "말티즈", "female", 1, std::nullopt}, t1),
               sql::error);
  EXPECT_EQ(dogs::find_dog(this->conn(), id)->gender, "수컷");
}

TYPED_TEST(DaengtionaryRepository, CascadesDogsAndTokenWhenMemberDeleted) {
  const std::int64_t gone = this->add_member("a@example.com", "aa");
  const std::int64_t kept = this->add_member("b@example.com", "bb");
  dogs::insert_dog(this->conn(), dog(gone, "하나"), t0);
  dogs::insert_dog(this->conn(), dog(gone, "둘"), t0);
  const std::int64_t kept_dog = dogs::insert_dog(this->conn(), dog(kept, "셋"), t0);
  members::save_refresh_token(this->conn(), gone, "hash-a", t0, t0);
  members::save_refresh_token(this->conn(), kept, "hash-b", t0, t0);

  EXPECT_EQ(this->conn().execute("DELETE FROM member WHERE member_no = ?", {gone}), 1);

  EXPECT_TRUE(dogs::dogs_of(this->conn(), gone).empty());
  EXPECT_EQ(count_rows(this->conn(), "dog"), 1);
  EXPECT_TRUE(dogs::find_dog(this->conn(), kept_dog).has_value());
  const auto tokens = this->conn().query("SELECT member_no FROM refresh_token");
  ASSERT_EQ(tokens.size(), 1U);
  EXPECT_EQ(tokens[0].as_int(0), kept);
}

TYPED_TEST(DaengtionaryRepository, RoundTripsKoreanTextWhenStored) {
  const std::string nick = "댕과사전";
  const std::string name = "뽀독뽀독 🐶";
  const std::string breed = "웰시코기 펨브로크";
  const std::int64_t owner =
      members::insert(this->conn(), new_member{"korean@example.com", "비밀", nick, "USER", std::nullopt}, t0);
  const std::int64_t id =
      dogs::insert_dog(this->conn(), dog_record{0, owner, name, breed, "암컷", 12.25, std::nullopt}, t0);
  EXPECT_EQ(members::find_by_id(this->conn(), owner)->nick, nick);
  EXPECT_EQ(members::find_by_id(this->conn(), owner)->password_hash, "비밀");
  EXPECT_TRUE(members::nick_exists(this->conn(), nick));
  const auto found = dogs::find_dog(this->conn(), id);
  EXPECT_EQ(found->name, name);
  EXPECT_EQ(found->breed, breed);
  EXPECT_EQ(found->gender, "암컷");
  EXPECT_EQ(found->weight, 12.25);
  EXPECT_EQ(this->conn().query("SELECT length(nick) FROM member WHERE member_no = ?", {owner})[0].as_int(0), 4)
      << "stored as characters, not bytes";
}

}  // namespace
