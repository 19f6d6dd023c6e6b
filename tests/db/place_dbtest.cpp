// Daengtionary's place repository over the real migrations, on SQLite and on PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/mypage/repository.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/error.hpp"
#include "tests/db/daengtionary_database.hpp"

namespace {

namespace sql = platform::sql;
namespace places = daengtionary::place::repository;
namespace shared = daengtionary::post::repository;
namespace wishes = daengtionary::wishes;
using daengtionary::errc;
using daengtionary::page;
using daengtionary::sort_order;
using daengtionary::place::place_filter;
using daengtionary::place::place_form;
using daengtionary::place::review_form;
using test_db::count_rows;
using test_db::t0;
using test_db::t1;

constexpr page all{0, 100};

place_form form(const std::string& title, const std::string& category = "hospital",
                const std::string& address = "서울 강남구, 2층") {
  return place_form{title, category, "내용 " + title, address};
}

std::vector<std::int64_t> ids(const std::vector<daengtionary::place::place_summary>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& row : rows) out.push_back(row.map_no);
  return out;
}

template <class Backend>
class PlaceRepository : public test_db::daengtionary_database<Backend> {
 protected:
  PlaceRepository() : test_db::daengtionary_database<Backend>("place_dbtest") {}

  void prepare() override {
    alice_ = this->add_member("a@example.com", "앨리스");
    bob_ = this->add_member("b@example.com", "bob");
  }

  std::vector<std::int64_t> find(const place_filter& filter, sort_order sort = sort_order::none, page paging = all) {
    return ids(places::list_places(this->conn(), filter, sort, paging));
  }

  std::int64_t alice_ = 0;
  std::int64_t bob_ = 0;
};

TYPED_TEST_SUITE(PlaceRepository, test_db::backends, test_db::backend_names);

TYPED_TEST(PlaceRepository, FindsPlaceWithAuthorNickWhenInserted) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  const auto found = places::find_place(this->conn(), id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->map_no, id);
  EXPECT_EQ(found->member_no, this->alice_);
  EXPECT_EQ(found->nick, "앨리스");
  EXPECT_EQ(found->title, "병원");
  EXPECT_EQ(found->category, "hospital");
  EXPECT_EQ(found->content, "내용 병원");
  EXPECT_EQ(found->address, "서울 강남구, 2층");
  EXPECT_EQ(found->star, 0.0);
  EXPECT_EQ(found->views, 0);
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t0);
  EXPECT_EQ(places::find_place(this->conn(), id + 1000), std::nullopt);
}

TYPED_TEST(PlaceRepository, RejectsUnknownCategoryWhenInserted) {
  EXPECT_THROW(places::insert_place(this->conn(), this->alice_, form("카페", "cafe"), t0), sql::error);
}

TYPED_TEST(PlaceRepository, UpdatesFieldsWhenRewritten) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("전"), t0);
  places::update_place(this->conn(), id, place_form{"후", "room", "새 내용", "부산"}, t1);
  const auto found = places::find_place(this->conn(), id);
  EXPECT_EQ(found->title, "후");
  EXPECT_EQ(found->category, "room");
  EXPECT_EQ(found->content, "새 내용");
  EXPECT_EQ(found->address, "부산");
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t1);
}

TYPED_TEST(PlaceRepository, KeepsImagesInUploadOrderAndListsTheFirst) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  const auto bare = places::insert_place(this->conn(), this->alice_, form("맨"), t0);
  shared::insert_images(this->conn(), places::tables(), id,
                        {"http://x/images/b.png", "http://x/images/a.png", "http://x/images/c.png"});
  EXPECT_EQ(shared::image_urls(this->conn(), places::tables(), id),
            (std::vector<std::string>{"http://x/images/b.png", "http://x/images/a.png", "http://x/images/c.png"}));
  const auto rows = places::list_places(this->conn(), place_filter{}, sort_order::none, all);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].map_no, bare);
  EXPECT_EQ(rows[0].image, std::nullopt);
  EXPECT_EQ(rows[1].image, std::optional<std::string>("http://x/images/b.png"));
  shared::delete_images(this->conn(), places::tables(), id);
  EXPECT_TRUE(shared::image_urls(this->conn(), places::tables(), id).empty());
}

TYPED_TEST(PlaceRepository, ListsEveryColumnWithLiveCountsAndStar) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  places::insert_review(this->conn(), id, this->bob_, review_form{"좋아요", 5}, t0);
  places::insert_review(this->conn(), id, this->alice_, review_form{"보통", 4}, t0);
  wishes::insert(this->conn(), this->bob_, wishes::target::map, id, t0);
  places::set_star(this->conn(), id, 4.5);
  shared::add_view(this->conn(), places::tables(), id);
  const auto rows = places::list_places(this->conn(), place_filter{}, sort_order::none, all);
  ASSERT_EQ(rows.size(), 1U);
  const auto& row = rows[0];
  EXPECT_EQ(row.map_no, id);
  EXPECT_EQ(row.category, "hospital");
  EXPECT_EQ(row.title, "병원");
  EXPECT_EQ(row.address, "서울 강남구, 2층");
  EXPECT_EQ(row.content, "내용 병원");
  EXPECT_EQ(row.star, 4.5);
  EXPECT_EQ(row.review_count, 2);
  EXPECT_EQ(row.wish_count, 1);
  EXPECT_EQ(row.views, 1);
  EXPECT_EQ(row.created_at, t0);
  EXPECT_EQ(row.modified_at, t0);
}

TYPED_TEST(PlaceRepository, FiltersByEachFieldWhenGiven) {
  const auto a = places::insert_place(
      this->conn(), this->alice_, place_form{"Happy 동물병원 100%", "hospital", "친절 CARE", "서울 강남구, 1층"}, t0);
  const auto b =
      places::insert_place(this->conn(), this->bob_, place_form{"강아지_호텔", "room", "넓은 방", "부산 해운대구"}, t0);
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(this->find(place_filter{}), (V{b, a}));
  EXPECT_EQ(this->find(place_filter{"room", "", "", "", ""}), (V{b}));
  EXPECT_EQ(this->find(place_filter{"shop", "", "", "", ""}), (V{}));
  EXPECT_EQ(this->find(place_filter{"", "happy", "", "", ""}), (V{a})) << "case-insensitive";
  EXPECT_EQ(this->find(place_filter{"", "HAPPY 동물", "", "", ""}), (V{a}));
  EXPECT_EQ(this->find(place_filter{"", "100%", "", "", ""}), (V{a}));
  EXPECT_EQ(this->find(place_filter{"", "y%동", "", "", ""}), (V{})) << "% is literal";
  EXPECT_EQ(this->find(place_filter{"", "_", "", "", ""}), (V{b})) << "_ is literal";
  EXPECT_EQ(this->find(place_filter{"", "!", "", "", ""}), (V{})) << "the escape character is literal";
  EXPECT_EQ(this->find(place_filter{"", "", "care", "", ""}), (V{a}));
  EXPECT_EQ(this->find(place_filter{"", "", "", "bob", ""}), (V{b}));
  EXPECT_EQ(this->find(place_filter{"", "", "", "bo", ""}), (V{})) << "nick is exact";
  EXPECT_EQ(this->find(place_filter{"", "", "", "", "부산"}), (V{b}));
  EXPECT_EQ(this->find(place_filter{"", "", "", "", " "}), (V{b, a}));
  EXPECT_EQ(this->find(place_filter{"hospital", "happy", "친절", "앨리스", "서울"}), (V{a}));
  EXPECT_EQ(this->find(place_filter{"room", "happy", "", "", ""}), (V{})) << "filters are ANDed";
}

TYPED_TEST(PlaceRepository, OrdersAndPagesWhenSorted) {
  const auto p1 = places::insert_place(this->conn(), this->alice_, form("1"), t1);
  const auto p2 = places::insert_place(this->conn(), this->alice_, form("2"), t0);
  const auto p3 = places::insert_place(this->conn(), this->alice_, form("3"), t0);
  shared::add_view(this->conn(), places::tables(), p1);
  shared::add_view(this->conn(), places::tables(), p2);
  shared::add_view(this->conn(), places::tables(), p2);
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(this->find(place_filter{}, sort_order::none), (V{p3, p2, p1}));
  EXPECT_EQ(this->find(place_filter{}, sort_order::newest), (V{p1, p3, p2}));
  EXPECT_EQ(this->find(place_filter{}, sort_order::popular), (V{p2, p1, p3}));
  EXPECT_EQ(this->find(place_filter{}, sort_order::popular, page{0, 2}), (V{p2, p1}));
  EXPECT_EQ(this->find(place_filter{}, sort_order::popular, page{1, 2}), (V{p3}));
  EXPECT_EQ(this->find(place_filter{}, sort_order::popular, page{2, 2}), (V{}));
}

TYPED_TEST(PlaceRepository, RecordsAViewOncePerViewerAndDay) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  EXPECT_FALSE(shared::viewed(this->conn(), places::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), places::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::viewed(this->conn(), places::tables(), id, "m:1", 19000));
  EXPECT_FALSE(shared::viewed(this->conn(), places::tables(), id, "m:1", 19001)) << "per day";
  EXPECT_FALSE(shared::record_view(this->conn(), places::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), places::tables(), id, "m:2", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), places::tables(), id, "m:1", 19001));
  EXPECT_TRUE(shared::record_view(this->conn(), places::tables(), id, "ip:127.0.0.1", 19000));
  shared::add_view(this->conn(), places::tables(), id);
  shared::add_view(this->conn(), places::tables(), id);
  EXPECT_EQ(places::find_place(this->conn(), id)->views, 2);
}

TYPED_TEST(PlaceRepository, ReadsReviewsWithReviewerAndFirstDogImageNewestFirst) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  daengtionary::mypage::repository::insert_dog(
      this->conn(), daengtionary::mypage::dog_record{0, this->bob_, "무", "푸들", "수컷", 1, std::nullopt}, t0);
  daengtionary::mypage::repository::insert_dog(
      this->conn(),
      daengtionary::mypage::dog_record{0, this->bob_, "초코", "푸들", "암컷", 1, "http://x/images/d1.png"}, t0);
  daengtionary::mypage::repository::insert_dog(
      this->conn(), daengtionary::mypage::dog_record{0, this->bob_, "콩", "푸들", "암컷", 1, "http://x/images/d2.png"},
      t0);
  const auto r1 = places::insert_review(this->conn(), id, this->bob_, review_form{"좋아요", 5}, t0);
  const auto r2 = places::insert_review(this->conn(), id, this->alice_, review_form{"보통", 3}, t0);
  const auto r3 = places::insert_review(this->conn(), id, this->bob_, review_form{"또 왔어요", 4}, t0);
  const auto page1 = places::reviews_of(this->conn(), id, page{0, 2});
  ASSERT_EQ(page1.size(), 2U);
  EXPECT_EQ(page1[0].review_no, r3);
  EXPECT_EQ(page1[1].review_no, r2);
  EXPECT_EQ(page1[1].nick, "앨리스");
  EXPECT_EQ(page1[1].image, std::nullopt);
  const auto page2 = places::reviews_of(this->conn(), id, page{1, 2});
  ASSERT_EQ(page2.size(), 1U);
  const auto& review = page2[0];
  EXPECT_EQ(review.review_no, r1);
  EXPECT_EQ(review.map_no, id);
  EXPECT_EQ(review.member_no, this->bob_);
  EXPECT_EQ(review.nick, "bob");
  EXPECT_EQ(review.content, "좋아요");
  EXPECT_EQ(review.image, std::optional<std::string>("http://x/images/d1.png"));
  EXPECT_EQ(review.star, 5);
  EXPECT_EQ(places::find_review(this->conn(), r2)->content, "보통");
  EXPECT_EQ(places::find_review(this->conn(), r3 + 100), std::nullopt);
}

TYPED_TEST(PlaceRepository, UpdatesDeletesAndAveragesReviews) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  EXPECT_EQ(places::average_star(this->conn(), id), std::nullopt);
  const auto r1 = places::insert_review(this->conn(), id, this->bob_, review_form{"a", 5}, t0);
  places::insert_review(this->conn(), id, this->bob_, review_form{"b", 4}, t0);
  const auto r3 = places::insert_review(this->conn(), id, this->bob_, review_form{"c", 4}, t0);
  EXPECT_NEAR(*places::average_star(this->conn(), id), 13.0 / 3, 1e-9);
  places::update_review(this->conn(), r3, review_form{"c2", 1}, t1);
  EXPECT_EQ(places::find_review(this->conn(), r3)->content, "c2");
  EXPECT_EQ(places::find_review(this->conn(), r3)->star, 1);
  EXPECT_NEAR(*places::average_star(this->conn(), id), 10.0 / 3, 1e-9);
  places::delete_review(this->conn(), r1);
  EXPECT_EQ(places::find_review(this->conn(), r1), std::nullopt);
  EXPECT_NEAR(*places::average_star(this->conn(), id), 2.5, 1e-9);
  places::set_star(this->conn(), id, 2.5);
  EXPECT_EQ(places::find_place(this->conn(), id)->star, 2.5);
  EXPECT_THROW(places::insert_review(this->conn(), id, this->bob_, review_form{"d", 6}, t0), sql::error)
      << "the schema keeps stars in 1..5 too";
}

TYPED_TEST(PlaceRepository, TogglesWishesUniquePerMember) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  EXPECT_EQ(wishes::find(this->conn(), this->bob_, wishes::target::map, id), std::nullopt);
  wishes::insert(this->conn(), this->bob_, wishes::target::map, id, t0);
  const auto wish = wishes::find(this->conn(), this->bob_, wishes::target::map, id);
  ASSERT_TRUE(wish.has_value());
  EXPECT_EQ(wishes::find(this->conn(), this->alice_, wishes::target::map, id), std::nullopt);
  EXPECT_THROW(wishes::insert(this->conn(), this->bob_, wishes::target::map, id, t0), sql::error);
  wishes::remove(this->conn(), *wish);
  EXPECT_EQ(wishes::find(this->conn(), this->bob_, wishes::target::map, id), std::nullopt);

  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::map, id).value(), true);
  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::map, id).value(), false);
  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::map, id + 1000).error(), errc::map_not_found);
}

TYPED_TEST(PlaceRepository, DeletesPlaceWithEverythingThatRefersToIt) {
  const auto id = places::insert_place(this->conn(), this->alice_, form("병원"), t0);
  const auto kept = places::insert_place(this->conn(), this->alice_, form("남음"), t0);
  for (const auto map_no : {id, kept}) {
    shared::insert_images(this->conn(), places::tables(), map_no, {"http://x/images/1.png"});
    places::insert_review(this->conn(), map_no, this->bob_, review_form{"a", 5}, t0);
    wishes::insert(this->conn(), this->bob_, wishes::target::map, map_no, t0);
    shared::record_view(this->conn(), places::tables(), map_no, "m:2", 1);
  }
  shared::delete_post(this->conn(), places::tables(), id);
  EXPECT_EQ(places::find_place(this->conn(), id), std::nullopt);
  EXPECT_TRUE(places::find_place(this->conn(), kept).has_value());
  for (const char* table : {"map_img", "map_review", "wish", "map_view", "map"}) {
    EXPECT_EQ(count_rows(this->conn(), table), 1) << table;
  }
}

}  // namespace
