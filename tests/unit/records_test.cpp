// platform::sql::records: rows read into described structs by column name.
#include "platform/sql/records.hpp"

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include "platform/sql/error.hpp"

namespace {

using platform::sql::row;
using platform::sql::rows;
using platform::sql::value;

struct pet {
  std::int64_t id = 0;
  std::string name;
  double weight = 0;
  bool adopted = false;
  std::optional<std::string> image;
  std::optional<std::int64_t> owner;
  std::string unlisted = "kept";  // not described: keeps its default
};
BOOST_DESCRIBE_STRUCT(pet, (), (id, name, weight, adopted, image, owner))

row make_row(std::vector<std::string> columns, std::vector<value> cells) {
  return row(std::make_shared<const std::vector<std::string>>(std::move(columns)), std::move(cells));
}

TEST(SqlRecords, ReadsEachDescribedMemberFromItsColumnInAnyOrder) {
  const auto r =
      make_row({"owner", "image", "adopted", "weight", "name", "id"},
               {nullptr, std::string("a.png"), std::int64_t{1}, std::int64_t{4}, std::string("Bori"), std::int64_t{7}});
  const pet p = platform::sql::records::read<pet>(r);
  EXPECT_EQ(p.id, 7);
  EXPECT_EQ(p.name, "Bori");
  EXPECT_DOUBLE_EQ(p.weight, 4.0) << "an integer column reads into a double";
  EXPECT_TRUE(p.adopted);
  EXPECT_EQ(p.image, "a.png");
  EXPECT_EQ(p.owner, std::nullopt);
  EXPECT_EQ(p.unlisted, "kept");
}

TEST(SqlRecords, AMissingColumnIsALoudError) {
  const auto r = make_row({"id"}, {std::int64_t{1}});
  EXPECT_THROW(platform::sql::records::read<pet>(r), platform::sql::error);
}

TEST(SqlRecords, AllOfAndFirstOfKeepTheRowOrder) {
  const std::vector<std::string> columns{"id", "name", "weight", "adopted", "image", "owner"};
  auto one = [&](std::int64_t id) {
    return make_row(columns, {id, std::string("n"), 1.5, std::int64_t{0}, nullptr, std::int64_t{3}});
  };
  const rows all({one(2), one(1)});
  const auto pets = platform::sql::records::all_of<pet>(all);
  ASSERT_EQ(pets.size(), 2U);
  EXPECT_EQ(pets[0].id, 2);
  EXPECT_EQ(pets[1].id, 1);
  EXPECT_EQ(platform::sql::records::first_of<pet>(all)->id, 2);
  EXPECT_EQ(platform::sql::records::first_of<pet>(rows{}), std::nullopt);
  auto id_only = [](const row& r) { return r.as_int("id"); };
  EXPECT_EQ(platform::sql::records::first_of(all, +id_only), 2);
}

}  // namespace
