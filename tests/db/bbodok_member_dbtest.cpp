// bbodok::member's repository on SQLite and PostgreSQL: members by Kakao id, refresh-token rotation, clients.
#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "apps/bbodok/member/repository.hpp"
#include "platform/sql/transaction.hpp"
#include "tests/db/bbodok_database.hpp"

namespace {

using namespace test_db;
using bbodok::member::find_active;
using bbodok::member::new_member;
namespace repository = bbodok::member::repository;

template <class Backend>
class BbodokMemberRepository : public bbodok_database<Backend> {
 protected:
  BbodokMemberRepository() : bbodok_database<Backend>("bbodok_member") {}
  const new_member kakao_user{"민지", std::string("https://k.kakaocdn.net/minji.jpg"), std::nullopt, 3001};
};
TYPED_TEST_SUITE(BbodokMemberRepository, backends, backend_names);

TYPED_TEST(BbodokMemberRepository, FindsTheKakaoMemberItMadeOnFirstSignIn) {
  const auto first = repository::find_or_create_by_kakao(this->conn(), this->kakao_user, seoul_morning);
  const auto again = repository::find_or_create_by_kakao(this->conn(), this->kakao_user, seoul_morning + 1);
  EXPECT_EQ(first.member_id, again.member_id);
  EXPECT_EQ(again.name, "민지");
  EXPECT_EQ(again.profile, "https://k.kakaocdn.net/minji.jpg");
  EXPECT_EQ(this->conn().query("SELECT COUNT(*) FROM member")[0].as_int(0), 1);
}

// The other sign-in looks before the first commits, so it finds nothing, and its insert waits on the unique index
// until the first commits: it must then read the first one's member, not fail.
TYPED_TEST(BbodokMemberRepository, AConcurrentFirstSignInFindsTheMemberTheOtherMade) {
  platform::sql::transaction first_sign_in(this->conn());
  const auto first = repository::find_or_create_by_kakao(this->conn(), this->kakao_user, seoul_morning);
  auto other_conn = this->db().acquire();
  auto other = std::async(std::launch::async, [&] {
    return repository::find_or_create_by_kakao(*other_conn, this->kakao_user, seoul_morning);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  first_sign_in.commit();
  EXPECT_EQ(other.get().member_id, first.member_id);
  EXPECT_EQ(this->conn().query("SELECT COUNT(*) FROM member")[0].as_int(0), 1);
}

TYPED_TEST(BbodokMemberRepository, AWithdrawnKakaoAccountSignsInAsANewMember) {
  const auto first = repository::find_or_create_by_kakao(this->conn(), this->kakao_user, seoul_morning);
  this->conn().execute("UPDATE member SET status = 'WITHDRAWN' WHERE member_id = ?", {first.member_id});
  EXPECT_FALSE(find_active(this->conn(), first.member_id));
  const auto second = repository::find_or_create_by_kakao(this->conn(), this->kakao_user, seoul_morning);
  EXPECT_NE(first.member_id, second.member_id);
  EXPECT_TRUE(find_active(this->conn(), second.member_id));
}

TYPED_TEST(BbodokMemberRepository, DevMembersAreNewEachTime) {
  const new_member dev{"개발자", std::nullopt, std::nullopt, std::nullopt};
  EXPECT_NE(repository::create(this->conn(), dev, seoul_morning).member_id,
            repository::create(this->conn(), dev, seoul_morning).member_id);
}

TYPED_TEST(BbodokMemberRepository, RotatesARefreshTokenOnceAndOnlyWhileUnexpired) {
  const auto member = repository::create(this->conn(), this->kakao_user, seoul_morning).member_id;
  const std::int64_t later = seoul_morning + 1000;
  repository::save_refresh_token(this->conn(), member, "hash-1", later, seoul_morning);
  EXPECT_EQ(repository::rotate_refresh_token(this->conn(), "hash-1", "hash-2", later, seoul_morning), member);
  EXPECT_FALSE(repository::rotate_refresh_token(this->conn(), "hash-1", "hash-3", later, seoul_morning));
  EXPECT_FALSE(repository::rotate_refresh_token(this->conn(), "hash-2", "hash-3", later, later));  // expired
  repository::save_refresh_token(this->conn(), member, "hash-4", later, seoul_morning);  // a new sign-in replaces
  EXPECT_FALSE(repository::rotate_refresh_token(this->conn(), "hash-2", "hash-5", later, seoul_morning));
  EXPECT_EQ(repository::rotate_refresh_token(this->conn(), "hash-4", "hash-5", later, seoul_morning), member);
}

TYPED_TEST(BbodokMemberRepository, KeepsOneClientPerMemberUpdatedInPlace) {
  const auto member = repository::create(this->conn(), this->kakao_user, seoul_morning).member_id;
  const auto first = repository::save_client(this->conn(), member, "token-a", seoul_morning);
  const auto second = repository::save_client(this->conn(), member, "token-b", seoul_morning + 1);
  EXPECT_EQ(first.client_id, second.client_id);
  EXPECT_EQ(second.member_id, member);
  EXPECT_EQ(second.fcm_token, "token-b");
  EXPECT_EQ(this->conn().query("SELECT COUNT(*) FROM client")[0].as_int(0), 1);
}

}  // namespace
