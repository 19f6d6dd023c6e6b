// Daengtionary's community repository over the real migrations, on SQLite and on PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/community/repository.hpp"
#include "apps/daengtionary/mypage/repository.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/error.hpp"
#include "tests/db/daengtionary_database.hpp"

namespace {

namespace sql = platform::sql;
namespace posts = daengtionary::community::repository;
namespace shared = daengtionary::post::repository;
namespace wishes = daengtionary::wishes;
using daengtionary::errc;
using daengtionary::page;
using daengtionary::sort_order;
using daengtionary::community::post_filter;
using daengtionary::community::post_form;
using daengtionary::community::post_summary;
using daengtionary::mypage::dog_record;
using V = std::vector<std::int64_t>;
using test_db::count_rows;
using test_db::t0;
using test_db::t1;

constexpr page all{0, 100};
const std::optional<std::string> none;

post_form form(const std::string& title, const std::string& category = "자유") {
  return post_form{category, title, "내용 " + title};
}

V ids(const std::vector<post_summary>& rows) {
  V out;
  for (const auto& row : rows) out.push_back(row.community_no);
  return out;
}

template <class Backend>
class CommunityRepository : public test_db::daengtionary_database<Backend> {
 protected:
  CommunityRepository() : test_db::daengtionary_database<Backend>("community_dbtest") {}

  void prepare() override {
    alice_ = this->add_member("a@example.com", "앨리스");
    bob_ = this->add_member("b@example.com", "bob");
  }

  void add_dog(std::int64_t owner, const std::string& breed, const std::optional<std::string>& image) {
    daengtionary::mypage::repository::insert_dog(this->conn(), dog_record{0, owner, "멍", breed, "수컷", 1, image}, t0);
  }

  V find(const post_filter& filter, sort_order sort = sort_order::none, page paging = all) {
    return ids(posts::list_posts(this->conn(), filter, sort, paging));
  }

  std::int64_t alice_ = 0;
  std::int64_t bob_ = 0;
};

TYPED_TEST_SUITE(CommunityRepository, test_db::backends, test_db::backend_names);

TYPED_TEST(CommunityRepository, FindsPostWithAuthorWhenInserted) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("첫 글", "병원"), t0);
  const auto found = posts::find_post(this->conn(), id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->community_no, id);
  EXPECT_EQ(found->member_no, this->alice_);
  EXPECT_EQ(found->nick, "앨리스");
  EXPECT_EQ(found->dog.breed, none) << "an author without a dog";
  EXPECT_EQ(found->dog.image, none);
  EXPECT_EQ(found->category, "병원");
  EXPECT_EQ(found->title, "첫 글");
  EXPECT_EQ(found->content, "내용 첫 글");
  EXPECT_EQ(found->views, 0);
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t0);
  EXPECT_EQ(shared::author_of(this->conn(), posts::tables(), id), std::optional<std::int64_t>(this->alice_));
  EXPECT_EQ(posts::find_post(this->conn(), id + 1000), std::nullopt);
  EXPECT_EQ(shared::author_of(this->conn(), posts::tables(), id + 1000), std::nullopt);
}

TYPED_TEST(CommunityRepository, AcceptsEveryFrontendCategoryAndRejectsOthers) {
  for (const char* category : {"장터", "호텔", "병원", "자유", ""}) {
    EXPECT_NO_THROW(posts::insert_post(this->conn(), this->alice_, form("글", category), t0)) << category;
  }
  EXPECT_THROW(posts::insert_post(this->conn(), this->alice_, form("글", "카페"), t0), sql::error);
}

TYPED_TEST(CommunityRepository, TakesBreedOfFirstDogAndImageOfFirstDogWithOneWhenAuthorHasSeveral) {
  this->add_dog(this->alice_, "푸들", std::nullopt);
  this->add_dog(this->alice_, "말티즈", std::optional<std::string>(""));
  this->add_dog(this->alice_, "진돗개", std::optional<std::string>("http://x/images/d3.png"));
  this->add_dog(this->alice_, "시바", std::optional<std::string>("http://x/images/d4.png"));
  const auto id = posts::insert_post(this->conn(), this->alice_, form("글"), t0);
  const auto found = posts::find_post(this->conn(), id);
  ASSERT_TRUE(found.has_value()) << "several dogs still give one row";
  EXPECT_EQ(found->dog.breed, std::optional<std::string>("푸들"));
  EXPECT_EQ(found->dog.image, std::optional<std::string>("http://x/images/d3.png"));
  const auto rows = posts::list_posts(this->conn(), post_filter{}, sort_order::none, all);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].dog.breed, std::optional<std::string>("푸들"));
  EXPECT_EQ(rows[0].dog.image, std::optional<std::string>("http://x/images/d3.png"));
}

TYPED_TEST(CommunityRepository, UpdatesFieldsWhenRewritten) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("전"), t0);
  posts::update_post(this->conn(), id, post_form{"장터", "후", "새 내용"}, t1);
  const auto found = posts::find_post(this->conn(), id);
  EXPECT_EQ(found->category, "장터");
  EXPECT_EQ(found->title, "후");
  EXPECT_EQ(found->content, "새 내용");
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t1);
  EXPECT_THROW(posts::update_post(this->conn(), id, post_form{"카페", "후", ""}, t1), sql::error);
}

TYPED_TEST(CommunityRepository, KeepsImagesInUploadOrderAndListsTheFirst) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("사진"), t0);
  const auto bare = posts::insert_post(this->conn(), this->alice_, form("맨"), t0);
  shared::insert_images(this->conn(), posts::tables(), id,
                        {"http://x/images/b.png", "http://x/images/a.png", "http://x/images/c.png"});
  EXPECT_EQ(shared::image_urls(this->conn(), posts::tables(), id),
            (std::vector<std::string>{"http://x/images/b.png", "http://x/images/a.png", "http://x/images/c.png"}));
  const auto rows = posts::list_posts(this->conn(), post_filter{}, sort_order::none, all);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].community_no, bare);
  EXPECT_EQ(rows[0].image, none);
  EXPECT_EQ(rows[1].image, std::optional<std::string>("http://x/images/b.png"));
  shared::delete_images(this->conn(), posts::tables(), id);
  EXPECT_TRUE(shared::image_urls(this->conn(), posts::tables(), id).empty());
}

TYPED_TEST(CommunityRepository, ListsEveryColumnWithLiveCounts) {
  this->add_dog(this->alice_, "푸들", std::optional<std::string>("http://x/images/d.png"));
  const auto id = posts::insert_post(this->conn(), this->alice_, form("글", "호텔"), t0);
  posts::update_post(this->conn(), id, form("글", "호텔"), t1);
  posts::insert_comment(this->conn(), id, this->bob_, "댓글 1", t0);
  posts::insert_comment(this->conn(), id, this->alice_, "댓글 2", t0);
  wishes::insert(this->conn(), this->bob_, wishes::target::community, id, t0);
  shared::add_view(this->conn(), posts::tables(), id);
  const auto rows = posts::list_posts(this->conn(), post_filter{}, sort_order::none, all);
  ASSERT_EQ(rows.size(), 1U);
  const auto& row = rows[0];
  EXPECT_EQ(row.community_no, id);
  EXPECT_EQ(row.member_no, this->alice_);
  EXPECT_EQ(row.nick, "앨리스");
  EXPECT_EQ(row.email, std::optional<std::string>("a@example.com")) << "the repository always reads it";
  EXPECT_EQ(row.dog.breed, std::optional<std::string>("푸들"));
  EXPECT_EQ(row.dog.image, std::optional<std::string>("http://x/images/d.png"));
  EXPECT_EQ(row.title, "글");
  EXPECT_EQ(row.category, "호텔");
  EXPECT_EQ(row.views, 1);
  EXPECT_EQ(row.image, none);
  EXPECT_EQ(row.review_count, 2);
  EXPECT_EQ(row.wish_count, 1);
  EXPECT_EQ(row.created_at, t0);
  EXPECT_EQ(row.modified_at, t1);
}

TYPED_TEST(CommunityRepository, FiltersByEachFieldWhenGiven) {
  const auto a = posts::insert_post(this->conn(), this->alice_, post_form{"자유", "Happy 산책 100%", "친절 CARE"}, t0);
  const auto b = posts::insert_post(this->conn(), this->bob_, post_form{"장터", "사료_팝니다", "새 사료"}, t0);
  const auto c = posts::insert_post(this->conn(), this->bob_, post_form{"", "그냥", "happy"}, t0);
  EXPECT_EQ(this->find(post_filter{}), (V{c, b, a}));
  EXPECT_EQ(this->find(post_filter{"장터", "", "", ""}), (V{b}));
  EXPECT_EQ(this->find(post_filter{"병원", "", "", ""}), (V{}));
  EXPECT_EQ(this->find(post_filter{"", "happy", "", ""}), (V{a})) << "case-insensitive";
  EXPECT_EQ(this->find(post_filter{"", "HAPPY 산책", "", ""}), (V{a}));
  EXPECT_EQ(this->find(post_filter{"", "100%", "", ""}), (V{a}));
  EXPECT_EQ(this->find(post_filter{"", "y%산", "", ""}), (V{})) << "% is literal";
  EXPECT_EQ(this->find(post_filter{"", "_", "", ""}), (V{b})) << "_ is literal";
  EXPECT_EQ(this->find(post_filter{"", "!", "", ""}), (V{})) << "the escape character is literal";
  EXPECT_EQ(this->find(post_filter{"", "", "care", ""}), (V{a}));
  EXPECT_EQ(this->find(post_filter{"", "", "HAPPY", ""}), (V{c}));
  EXPECT_EQ(this->find(post_filter{"", "", "", "bob"}), (V{c, b}));
  EXPECT_EQ(this->find(post_filter{"", "", "", "bo"}), (V{})) << "nick is exact";
  EXPECT_EQ(this->find(post_filter{"자유", "happy", "친절", "앨리스"}), (V{a}));
  EXPECT_EQ(this->find(post_filter{"장터", "happy", "", ""}), (V{})) << "filters are ANDed";
}

TYPED_TEST(CommunityRepository, OrdersAndPagesWhenSorted) {
  const auto p1 = posts::insert_post(this->conn(), this->alice_, form("1"), t1);
  const auto p2 = posts::insert_post(this->conn(), this->alice_, form("2"), t0);
  const auto p3 = posts::insert_post(this->conn(), this->alice_, form("3"), t0);
  shared::add_view(this->conn(), posts::tables(), p1);
  shared::add_view(this->conn(), posts::tables(), p2);
  shared::add_view(this->conn(), posts::tables(), p2);
  EXPECT_EQ(this->find(post_filter{}, sort_order::none), (V{p3, p2, p1}));
  EXPECT_EQ(this->find(post_filter{}, sort_order::newest), (V{p1, p3, p2}));
  EXPECT_EQ(this->find(post_filter{}, sort_order::popular), (V{p2, p1, p3}));
  EXPECT_EQ(this->find(post_filter{}, sort_order::popular, page{0, 2}), (V{p2, p1}));
  EXPECT_EQ(this->find(post_filter{}, sort_order::popular, page{1, 2}), (V{p3}));
  EXPECT_EQ(this->find(post_filter{}, sort_order::popular, page{2, 2}), (V{}));
}

TYPED_TEST(CommunityRepository, ListsOnlyTheMembersPostsNewestFirstWithOrWithoutImages) {
  const auto mine1 = posts::insert_post(this->conn(), this->alice_, form("내 글 1"), t0);
  posts::insert_post(this->conn(), this->bob_, form("남의 글"), t0);
  const auto mine2 = posts::insert_post(this->conn(), this->alice_, form("내 글 2"), t0);
  shared::insert_images(this->conn(), posts::tables(), mine1, {"http://x/images/1.png", "http://x/images/2.png"});
  const auto rows = posts::posts_of(this->conn(), this->alice_);
  EXPECT_EQ(ids(rows), (V{mine2, mine1}));
  EXPECT_EQ(rows[0].image, none);
  EXPECT_EQ(rows[1].image, std::optional<std::string>("http://x/images/1.png"));
  EXPECT_TRUE(posts::posts_of(this->conn(), this->bob_ + 1000).empty());
}

TYPED_TEST(CommunityRepository, RecordsAViewOncePerViewerAndDay) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("글"), t0);
  const auto other = posts::insert_post(this->conn(), this->alice_, form("다른 글"), t0);
  EXPECT_FALSE(shared::viewed(this->conn(), posts::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), posts::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::viewed(this->conn(), posts::tables(), id, "m:1", 19000));
  EXPECT_FALSE(shared::viewed(this->conn(), posts::tables(), id, "m:1", 19001)) << "per day";
  EXPECT_FALSE(shared::record_view(this->conn(), posts::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), posts::tables(), other, "m:1", 19000)) << "per post";
  EXPECT_TRUE(shared::record_view(this->conn(), posts::tables(), id, "m:2", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), posts::tables(), id, "m:1", 19001));
  EXPECT_TRUE(shared::record_view(this->conn(), posts::tables(), id, "ip:127.0.0.1", 19000));
  shared::add_view(this->conn(), posts::tables(), id);
  shared::add_view(this->conn(), posts::tables(), id);
  EXPECT_EQ(posts::find_post(this->conn(), id)->views, 2);
  EXPECT_EQ(posts::find_post(this->conn(), other)->views, 0);
}

TYPED_TEST(CommunityRepository, ReadsCommentsWithCommenterAndFirstDogImageOldestFirst) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("글"), t0);
  const auto other = posts::insert_post(this->conn(), this->alice_, form("다른 글"), t0);
  this->add_dog(this->bob_, "푸들", std::nullopt);
  this->add_dog(this->bob_, "푸들", std::optional<std::string>("http://x/images/d1.png"));
  this->add_dog(this->bob_, "푸들", std::optional<std::string>("http://x/images/d2.png"));
  const auto c1 = posts::insert_comment(this->conn(), id, this->bob_, "첫 댓글", t0);
  const auto c2 = posts::insert_comment(this->conn(), id, this->alice_, "둘째", t0);
  posts::insert_comment(this->conn(), other, this->bob_, "다른 글의 댓글", t0);
  const auto c3 = posts::insert_comment(this->conn(), id, this->bob_, "셋째", t0);
  const auto page1 = posts::comments_of(this->conn(), id, page{0, 2});
  ASSERT_EQ(page1.size(), 2U);
  const auto& first = page1[0];
  EXPECT_EQ(first.review_no, c1);
  EXPECT_EQ(first.community_no, id);
  EXPECT_EQ(first.member_no, this->bob_);
  EXPECT_EQ(first.nick, "bob");
  EXPECT_EQ(first.content, "첫 댓글");
  EXPECT_EQ(first.image, std::optional<std::string>("http://x/images/d1.png"));
  EXPECT_EQ(page1[1].review_no, c2);
  EXPECT_EQ(page1[1].nick, "앨리스");
  EXPECT_EQ(page1[1].image, none) << "a commenter without a dog";
  const auto page2 = posts::comments_of(this->conn(), id, page{1, 2});
  ASSERT_EQ(page2.size(), 1U);
  EXPECT_EQ(page2[0].review_no, c3);
  EXPECT_TRUE(posts::comments_of(this->conn(), id, page{2, 2}).empty());
}

TYPED_TEST(CommunityRepository, UpdatesAndDeletesComments) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("글"), t0);
  const auto c1 = posts::insert_comment(this->conn(), id, this->bob_, "원래", t0);
  const auto c2 = posts::insert_comment(this->conn(), id, this->bob_, "남음", t0);
  posts::update_comment(this->conn(), c1, "고침", t1);
  EXPECT_EQ(posts::find_comment(this->conn(), c1)->content, "고침");
  EXPECT_EQ(posts::find_comment(this->conn(), c2)->content, "남음");
  posts::delete_comment(this->conn(), c1);
  EXPECT_EQ(posts::find_comment(this->conn(), c1), std::nullopt);
  EXPECT_EQ(posts::comments_of(this->conn(), id, all).size(), 1U);
  EXPECT_EQ(posts::list_posts(this->conn(), post_filter{}, sort_order::none, all)[0].review_count, 1);
}

TYPED_TEST(CommunityRepository, TogglesWishesUniquePerMemberBesidePlaceWishes) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("글"), t0);
  const auto map_no = daengtionary::place::repository::insert_place(
      this->conn(), this->alice_, daengtionary::place::place_form{"병원", "hospital", "", "서울"}, t0);
  EXPECT_EQ(wishes::find(this->conn(), this->bob_, wishes::target::community, id), std::nullopt);
  wishes::insert(this->conn(), this->bob_, wishes::target::community, id, t0);
  wishes::insert(this->conn(), this->bob_, wishes::target::map, map_no, t0);
  wishes::insert(this->conn(), this->alice_, wishes::target::map, map_no, t0);
  const auto wish = wishes::find(this->conn(), this->bob_, wishes::target::community, id);
  ASSERT_TRUE(wish.has_value());
  EXPECT_NE(wishes::find(this->conn(), this->bob_, wishes::target::map, map_no), wish);
  EXPECT_EQ(wishes::find(this->conn(), this->alice_, wishes::target::community, id), std::nullopt);
  EXPECT_THROW(wishes::insert(this->conn(), this->bob_, wishes::target::community, id, t0), sql::error);
  wishes::remove(this->conn(), *wish);
  EXPECT_EQ(wishes::find(this->conn(), this->bob_, wishes::target::community, id), std::nullopt);
  EXPECT_TRUE(wishes::find(this->conn(), this->bob_, wishes::target::map, map_no).has_value());

  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::community, id).value(), true);
  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::map, map_no).value(), false);
  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::community, id).value(), false);
  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::community, id + 1000).error(),
            errc::map_not_found);
}

TYPED_TEST(CommunityRepository, DeletesPostWithEverythingThatRefersToIt) {
  const auto id = posts::insert_post(this->conn(), this->alice_, form("지울 글"), t0);
  const auto kept = posts::insert_post(this->conn(), this->alice_, form("남을 글"), t0);
  for (const auto community_no : {id, kept}) {
    shared::insert_images(this->conn(), posts::tables(), community_no, {"http://x/images/1.png"});
    posts::insert_comment(this->conn(), community_no, this->bob_, "댓글", t0);
    wishes::insert(this->conn(), this->bob_, wishes::target::community, community_no, t0);
    shared::record_view(this->conn(), posts::tables(), community_no, "m:2", 1);
  }
  shared::delete_post(this->conn(), posts::tables(), id);
  EXPECT_EQ(posts::find_post(this->conn(), id), std::nullopt);
  EXPECT_TRUE(posts::find_post(this->conn(), kept).has_value());
  for (const char* table : {"community_img", "community_review", "wish", "community_view", "community"}) {
    EXPECT_EQ(count_rows(this->conn(), table), 1) << table;
  }
}

}  // namespace
