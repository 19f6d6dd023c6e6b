// Bbodok's schema: the default group and the uniqueness rules the database enforces.
#include <gtest/gtest.h>

#include "platform/sql/error.hpp"
#include "tests/db/bbodok_database.hpp"

namespace {

using namespace test_db;

template <class Backend>
class BbodokSchema : public bbodok_database<Backend> {
 protected:
  BbodokSchema() : bbodok_database<Backend>("bbodok_schema") {}
};
TYPED_TEST_SUITE(BbodokSchema, backends, backend_names);

TYPED_TEST(BbodokSchema, MakesTheDefaultGroupOne) {
  const auto rows = this->conn().query("SELECT group_id, name, everyone, secret FROM study_group");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].as_int("group_id"), 1);
  EXPECT_EQ(rows[0].as_text("name"), "전체");
  EXPECT_TRUE(rows[0].as_bool("everyone"));
  EXPECT_FALSE(rows[0].as_bool("secret"));
}

TYPED_TEST(BbodokSchema, KeepsOneLiveRoomPerGroupAndStart) {
  const auto owner = this->add_member("민지");
  const char* insert =
      "INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (1, ?, ?, ?, 0, 0)";
  const std::int64_t start = seoul_morning;
  const std::int64_t end = start + 25 * 60'000'000LL;
  this->conn().execute(insert, {owner, start, end});
  EXPECT_THROW(this->conn().execute(insert, {owner, start, end}), sql::error);
  this->conn().execute("UPDATE room SET deleted = 1");
  EXPECT_NO_THROW(this->conn().execute(insert, {owner, start, end}));
}

}  // namespace
