// Unit tests for platform::auth bcrypt password hashing.
#include "platform/auth/password.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace {

using platform::auth::hash_password;
using platform::auth::verify_password;

// Cost 4 keeps the suite fast; the default-cost path is covered once below.
constexpr unsigned fast = 4;

TEST(PasswordHash, VerifiesPasswordWhenHashedWithDefaultCost) {
  const auto hash = hash_password("s3cret!pw");
  EXPECT_EQ(hash.size(), 60U);
  EXPECT_TRUE(hash.starts_with("$2b$10$")) << hash;
  EXPECT_TRUE(verify_password("s3cret!pw", hash));
}

TEST(PasswordHash, RejectsPasswordWhenWrong) {
  const auto hash = hash_password("s3cret!pw", fast);
  EXPECT_FALSE(verify_password("s3cret!pW", hash));
  EXPECT_FALSE(verify_password("", hash));
  EXPECT_FALSE(verify_password("s3cret!pw ", hash));
}

TEST(PasswordHash, SaltsHashWhenSamePasswordHashedTwice) {
  const auto a = hash_password("same", fast);
  const auto b = hash_password("same", fast);
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password("same", a));
  EXPECT_TRUE(verify_password("same", b));
}

TEST(PasswordHash, VerifiesPasswordWhenHashMadeByJavaBcrypt) {
  // Spring Security's documented BCryptPasswordEncoder output for "password".
  EXPECT_TRUE(verify_password("password", "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"));
  EXPECT_FALSE(verify_password("Password", "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"));
  // jBCrypt's own test vector.
  EXPECT_TRUE(verify_password("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"));
  // crypt_blowfish / OpenBSD vector.
  EXPECT_TRUE(verify_password("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
}

TEST(PasswordHash, ReturnsFalseWhenStoredHashMalformed) {
  const std::string good = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";
  EXPECT_FALSE(verify_password("abc", ""));
  EXPECT_FALSE(verify_password("abc", "abc"));
  EXPECT_FALSE(verify_password("abc", "*0"));
  EXPECT_FALSE(verify_password("abc", good.substr(0, 59)));
  EXPECT_FALSE(verify_password("abc", good + "x"));
  EXPECT_FALSE(verify_password("abc", "$2x$" + good.substr(4)));
  EXPECT_FALSE(verify_password("abc", "$2a$99$" + good.substr(7)));
  EXPECT_FALSE(verify_password("abc", "$2a$06$!!!!!!!!!!!!!!!!!!!!!!" + good.substr(29)));
  // Other crypt schemes (DES, SHA-512) are not accepted even though libxcrypt could check them.
  EXPECT_FALSE(verify_password("abc", "abJnggxhB/yWI"));
  EXPECT_FALSE(verify_password("abc", std::string("$6$") + std::string(57, 'a')));
}

TEST(PasswordHash, RejectsPasswordWhenLongerThan72BytesOrContainsNul) {
  EXPECT_NO_THROW(hash_password(std::string(72, 'x'), fast));
  EXPECT_THROW(hash_password(std::string(73, 'x'), fast), std::invalid_argument);
  EXPECT_THROW(hash_password(std::string("a\0b", 3), fast), std::invalid_argument);
  const auto hash = hash_password("a", fast);
  EXPECT_FALSE(verify_password(std::string("a\0b", 3), hash));
}

TEST(PasswordHash, RejectsCostWhenOutsideBcryptRange) {
  EXPECT_THROW(hash_password("x", 3), std::invalid_argument);
  EXPECT_THROW(hash_password("x", 32), std::invalid_argument);
  EXPECT_TRUE(hash_password("x", fast).starts_with("$2b$04$"));
}

TEST(PasswordHash, TruncatesLikeJbcryptWhenVerifyingOverlongPassword) {
  // Documented behaviour: verify accepts >72 bytes so hashes migrated from the original keep
  // working.
  const std::string first72(72, 'p');
  const auto hash = hash_password(first72, fast);
  EXPECT_TRUE(verify_password(first72 + "anything", hash));
  EXPECT_FALSE(verify_password(std::string(71, 'p'), hash));
}

}  // namespace
