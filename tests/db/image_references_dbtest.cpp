// The query behind the storage sweep's referenced set, over the real migrations, on SQLite and PostgreSQL.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

#include "apps/daengtionary/common/image_references.hpp"
#include "platform/sql/connection.hpp"
#include "tests/db/daengtionary_database.hpp"

namespace {

using daengtionary::image_key_of;
using daengtionary::referenced_image_keys;
using daengtionary::referenced_image_urls;
using test_db::t0;

constexpr const char* base = "http://localhost:8080/images/";

template <class Backend>
class ImageReferences : public test_db::daengtionary_database<Backend> {
 protected:
  ImageReferences() : test_db::daengtionary_database<Backend>("image_references_dbtest") {}

  void prepare() override { alice_ = this->add_member("a@example.com", "앨리스"); }

  std::int64_t insert(const char* sql, std::initializer_list<platform::sql::value> params) {
    return this->conn().query(sql, params)[0].as_int(0);
  }

  // One row of every kind that holds an image URL, each naming `key`.
  void add_every_kind(const std::string& prefix) {
    const auto map_no = insert(
        "INSERT INTO map (member_no, title, category, content, address, created_at, modified_at) "
        "VALUES (?, 't', 'hospital', 'c', 'a', ?, ?) RETURNING map_no",
        {alice_, t0, t0});
    this->conn().execute("INSERT INTO map_img (map_no, map_img_url) VALUES (?, ?)", {map_no, prefix + "map.jpg"});
    const auto community_no = insert(
        "INSERT INTO community (member_no, category, title, content, created_at, modified_at) "
        "VALUES (?, '자유', 't', 'c', ?, ?) RETURNING community_no",
        {alice_, t0, t0});
    this->conn().execute("INSERT INTO community_img (community_no, community_img_url) VALUES (?, ?)",
                         {community_no, prefix + "community.png"});
    const auto trade_no = insert(
        "INSERT INTO trade (member_no, title, address, stuff_status, exchange, content, post_status, price, "
        "created_at, modified_at) VALUES (?, 't', 'a', '중고', '교환불가', 'c', '판매중', 0, ?, ?) RETURNING trade_no",
        {alice_, t0, t0});
    this->conn().execute("INSERT INTO trade_img (trade_no, trade_img) VALUES (?, ?)", {trade_no, prefix + "trade.jpg"});
    const auto room_no =
        insert("INSERT INTO chat_room (type, title, created_at) VALUES ('group', 't', ?) RETURNING room_no", {t0});
    const auto friend_no = insert(
        "INSERT INTO friend (member_no, address, category, title, content, status, max_count, room_no, created_at, "
        "modified_at) VALUES (?, 'a', '산책', 't', 'c', '진행중', 2, ?, ?, ?) RETURNING friend_no",
        {alice_, room_no, t0, t0});
    this->conn().execute("INSERT INTO friend_img (friend_no, friend_img) VALUES (?, ?)",
                         {friend_no, prefix + "friend.jpg"});
    this->conn().execute(
        "INSERT INTO dog (member_no, name, breed, gender, weight, image, created_at, modified_at) "
        "VALUES (?, 'd', 'b', '수컷', 3.5, ?, ?, ?)",
        {alice_, prefix + "dog.png", t0, t0});
  }

  std::int64_t alice_ = 0;
};

TYPED_TEST_SUITE(ImageReferences, test_db::backends, test_db::backend_names);

TYPED_TEST(ImageReferences, ListsTheUrlOfEveryKindOfImageRow) {
  this->add_every_kind(base);
  auto urls = referenced_image_urls(this->conn());
  std::sort(urls.begin(), urls.end());
  const std::vector<std::string> expected{std::string(base) + "community.png", std::string(base) + "dog.png",
                                          std::string(base) + "friend.jpg", std::string(base) + "map.jpg",
                                          std::string(base) + "trade.jpg"};
  EXPECT_EQ(urls, expected);
}

TYPED_TEST(ImageReferences, SkipsDogsWithoutImageAndListsNothingOnAnEmptyDatabase) {
  EXPECT_TRUE(referenced_image_urls(this->conn()).empty());
  this->conn().execute(
      "INSERT INTO dog (member_no, name, breed, gender, weight, image, created_at, modified_at) "
      "VALUES (?, 'd', 'b', '암컷', 2.0, NULL, ?, ?)",
      {this->alice_, t0, t0});
  EXPECT_TRUE(referenced_image_urls(this->conn()).empty());
}

TYPED_TEST(ImageReferences, KeysRowsWrittenUnderAnyBaseUrlByTheirLastSegment) {
  this->add_every_kind("https://old-host.example/images/");
  const auto keys = referenced_image_keys(this->conn());
  const std::unordered_set<std::string> expected{"map.jpg", "community.png", "trade.jpg", "friend.jpg", "dog.png"};
  EXPECT_EQ(keys, expected);
}

TEST(ImageKey, IsTheLastPathSegmentWithoutQueryOrFragment) {
  EXPECT_EQ(image_key_of("http://localhost:8080/images/a.jpg"), "a.jpg");
  EXPECT_EQ(image_key_of("https://bucket.s3.amazonaws.com/x/b.png?versionId=3#top"), "b.png");
  EXPECT_EQ(image_key_of("c.jpg"), "c.jpg");
  EXPECT_EQ(image_key_of("http://host/"), "");
}

}  // namespace
