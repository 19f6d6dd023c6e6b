// Daengtionary's matching repository and service over the real migrations, on SQLite and on PostgreSQL.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "apps/daengtionary/chat/message_json.hpp"
#include "apps/daengtionary/chat/repository.hpp"
#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
#include "apps/daengtionary/friend/repository.hpp"
#include "apps/daengtionary/friend/service.hpp"
#include "apps/daengtionary/mypage/service.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/error.hpp"
#include "platform/storage/local_disk_store.hpp"
#include "tests/db/daengtionary_database.hpp"
#include "tests/db/run_awaitable.hpp"

namespace {

namespace sql = platform::sql;
namespace asio = platform::asio;
namespace posts = daengtionary::matching::repository;
namespace shared = daengtionary::post::repository;
namespace chats = daengtionary::chat::repository;
using daengtionary::errc;
using daengtionary::page;
using daengtionary::chat::message_window;
using daengtionary::matching::join_outcome;
using daengtionary::matching::post_filter;
using daengtionary::matching::post_form;
using test_db::count_rows;
using test_db::run_awaitable;
using test_db::t0;
using test_db::t1;

constexpr page all{0, 100};

post_form form(const std::string& title, std::int64_t max_count = 3, const std::string& category = "산책") {
  return post_form{"서울 마포구 망원동, 공원 입구", category, title, "같이 걸어요 " + title, max_count};
}

template <class Backend>
class Matching : public test_db::daengtionary_database<Backend> {
 protected:
  Matching() : test_db::daengtionary_database<Backend>("friend_dbtest", 6) {}

  void prepare() override {
    for (int i = 0; i < 9; ++i) {
      const std::string n = std::to_string(i);
      people_.push_back(this->add_member("m" + n + "@example.com", "멤버" + n));
    }
    store_dir_ = std::filesystem::temp_directory_path() / ("friend_dbtest_" + test_db::random_suffix());
    store_.emplace(store_dir_, "http://x", "images");
    images_.emplace(*store_, this->scratch_.pool());
    chats_.emplace(this->scratch_.db(), broadcasts_);
    dogs_.emplace(this->scratch_.db(), *images_);
    service_.emplace(this->scratch_.db(), *images_, *chats_, *dogs_);
  }

  void TearDown() override {
    test_db::daengtionary_database<Backend>::TearDown();
    std::error_code ignored;  // a leftover temporary directory is not worth failing a test over
    std::filesystem::remove_all(store_dir_, ignored);
  }

  daengtionary::matching::service& service() { return *service_; }
  std::int64_t author() const { return people_[0]; }

  // A post written straight through the repository, with its group room.
  std::int64_t post(const std::string& title, std::int64_t max_count = 3, std::int64_t at = t0) {
    const auto room = daengtionary::chat::open_group_room(this->conn(), author(), title, at);
    return posts::insert_post(this->conn(), author(), form(title, max_count), room.room_no, at);
  }

  std::vector<std::int64_t> find(const post_filter& filter, page paging = all) {
    std::vector<std::int64_t> out;
    for (const auto& row : posts::list_posts(this->conn(), filter, paging)) out.push_back(row.friend_no);
    return out;
  }

  std::vector<std::int64_t> people_;
  std::filesystem::path store_dir_;
  std::optional<platform::storage::local_disk_store> store_;
  std::optional<daengtionary::image_uploads> images_;
  platform::kv::in_process_pubsub broadcasts_;
  std::optional<daengtionary::chat::service> chats_;
  std::optional<daengtionary::mypage::service> dogs_;
  std::optional<daengtionary::matching::service> service_;
};

TYPED_TEST_SUITE(Matching, test_db::backends, test_db::backend_names);

// ---- repository ---------------------------------------------------------------------------------------

TYPED_TEST(Matching, FindsAnOpenPostWithItsRoomWhenInserted) {
  const auto id = this->post("망원 산책");
  const auto found = posts::find_post(this->conn(), id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->friend_no, id);
  EXPECT_EQ(found->member_no, this->author());
  EXPECT_EQ(found->address, "서울 마포구 망원동, 공원 입구");
  EXPECT_EQ(found->category, "산책");
  EXPECT_EQ(found->title, "망원 산책");
  EXPECT_EQ(found->content, "같이 걸어요 망원 산책");
  EXPECT_EQ(found->status, "진행중");
  EXPECT_EQ(found->max_count, 3);
  EXPECT_EQ(found->count, 0);
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t0);
  const auto room = chats::find_room(this->conn(), found->room_no);
  ASSERT_TRUE(room.has_value());
  EXPECT_EQ(room->type, "group");
  EXPECT_EQ(room->title, "망원 산책");
  EXPECT_EQ(posts::find_post(this->conn(), id + 100), std::nullopt);
}

TYPED_TEST(Matching, SchemaRefusesUnknownCategoriesAndMaxCountBelowOne) {
  const auto room = daengtionary::chat::open_group_room(this->conn(), this->author(), "x", t0).room_no;
  EXPECT_THROW(posts::insert_post(this->conn(), this->author(), form("x", 3, "등산"), room, t0), sql::error);
  EXPECT_THROW(posts::insert_post(this->conn(), this->author(), form("x", 0), room, t0), sql::error);
  EXPECT_THROW(posts::insert_post(this->conn(), this->author(), form("x"), room + 100, t0), sql::error)
      << "room_no refers to a chat room";
}

TYPED_TEST(Matching, ListsNewestFirstWithTheFirstImageAndFilters) {
  const auto older = this->post("Morning Walk 100%", 3, t0);
  const auto newer = this->post("카페 모임_x", 3, t1);
  shared::insert_images(this->conn(), posts::tables(), older, {"http://x/images/b.png", "http://x/images/a.png"});
  this->conn().execute("UPDATE friend SET category = '애견카페', address = '부산 해운대구' WHERE friend_no = ?",
                       {newer});
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(this->find(post_filter{}), (V{newer, older}));
  EXPECT_EQ(this->find(post_filter{}, page{0, 1}), (V{newer}));
  EXPECT_EQ(this->find(post_filter{}, page{1, 1}), (V{older}));
  EXPECT_EQ(this->find(post_filter{}, page{2, 1}), (V{}));
  EXPECT_EQ(this->find(post_filter{"애견카페", "", "", ""}), (V{newer}));
  EXPECT_EQ(this->find(post_filter{"애견", "", "", ""}), (V{})) << "category is exact";
  EXPECT_EQ(this->find(post_filter{"", "부산", "", ""}), (V{newer}));
  EXPECT_EQ(this->find(post_filter{"", "", "morning", ""}), (V{older})) << "case-insensitive";
  EXPECT_EQ(this->find(post_filter{"", "", "100%", ""}), (V{older}));
  EXPECT_EQ(this->find(post_filter{"", "", "_", ""}), (V{newer})) << "_ is literal";
  EXPECT_EQ(this->find(post_filter{"", "", "", "걸어요 morning"}), (V{older}));
  EXPECT_EQ(this->find(post_filter{"산책", "부산", "", ""}), (V{})) << "filters are ANDed";

  const auto rows = posts::list_posts(this->conn(), post_filter{}, all);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].image, std::nullopt);
  EXPECT_EQ(rows[1].image, std::optional<std::string>("http://x/images/b.png")) << "the first uploaded";
  EXPECT_EQ(rows[1].title, "Morning Walk 100%");
  EXPECT_EQ(rows[1].status, "진행중");
  EXPECT_EQ(rows[1].max_count, 3);
  EXPECT_EQ(rows[1].count, 0);
  EXPECT_EQ(rows[1].created_at, t0);
  const auto images = shared::images_of(this->conn(), posts::tables(), older);
  ASSERT_EQ(images.size(), 2U);
  EXPECT_EQ(images[0].url, "http://x/images/b.png");
  EXPECT_LT(images[0].image_no, images[1].image_no);
}

TYPED_TEST(Matching, TakesSeatsUpToMaxCountAndClosesWhenFull) {
  const auto id = this->post("둘만", 2);
  EXPECT_TRUE(posts::insert_join(this->conn(), id, this->people_[1], t0));
  EXPECT_FALSE(posts::insert_join(this->conn(), id, this->people_[1], t0)) << "one join per member";
  EXPECT_TRUE(posts::take_seat(this->conn(), id));
  EXPECT_EQ(posts::find_post(this->conn(), id)->status, "진행중");
  EXPECT_TRUE(posts::take_seat(this->conn(), id));
  EXPECT_EQ(posts::find_post(this->conn(), id)->status, "마감 완료");
  EXPECT_EQ(posts::find_post(this->conn(), id)->count, 2);
  EXPECT_FALSE(posts::take_seat(this->conn(), id));
  EXPECT_EQ(posts::find_post(this->conn(), id)->count, 2);
  posts::delete_join(this->conn(), id, this->people_[1]);
  EXPECT_EQ(count_rows(this->conn(), "friend_join"), 0);
}

TYPED_TEST(Matching, ReevaluatesTheStatusAgainstTheNewMaxCount) {
  const auto id = this->post("셋", 3);
  posts::take_seat(this->conn(), id);
  posts::take_seat(this->conn(), id);
  posts::update_post(this->conn(), id, form("둘로 줄임", 2, "자유"), t1);
  auto found = posts::find_post(this->conn(), id);
  EXPECT_EQ(found->status, "마감 완료");
  EXPECT_EQ(found->title, "둘로 줄임");
  EXPECT_EQ(found->category, "자유");
  EXPECT_EQ(found->max_count, 2);
  EXPECT_EQ(found->count, 2);
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t1);
  posts::update_post(this->conn(), id, form("다시 늘림", 5), t1);
  EXPECT_EQ(posts::find_post(this->conn(), id)->status, "진행중");
  posts::update_post(this->conn(), id, form("하나", 1), t1);
  EXPECT_EQ(posts::find_post(this->conn(), id)->status, "마감 완료");
}

TYPED_TEST(Matching, DeletesThePostWithJoinsAndImagesAndKeepsTheRoom) {
  const auto id = this->post("지움");
  const auto kept = this->post("남음");
  for (const auto friend_no : {id, kept}) {
    shared::insert_images(this->conn(), posts::tables(), friend_no, {"http://x/images/1.png"});
    posts::insert_join(this->conn(), friend_no, this->people_[1], t0);
  }
  const auto room = posts::find_post(this->conn(), id)->room_no;
  shared::delete_post(this->conn(), posts::tables(), id);
  EXPECT_EQ(posts::find_post(this->conn(), id), std::nullopt);
  for (const char* table : {"friend", "friend_img", "friend_join"})
    EXPECT_EQ(count_rows(this->conn(), table), 1) << table;
  EXPECT_TRUE(chats::find_room(this->conn(), room).has_value());
  EXPECT_EQ(chats::messages_of(this->conn(), room, message_window{}).size(), 1U);
}

// ---- service ---------------------------------------------------------------------------------------------

TYPED_TEST(Matching, CreatesThePostAndItsGroupRoomAndPublishesTheSystemMessageAfterCommit) {
  // A fresh database numbers its first room 1; the test checks that guess below.
  std::vector<std::string> published;
  std::optional<std::int64_t> posts_seen_by_another_connection;
  auto subscription = this->broadcasts_.subscribe(
      daengtionary::chat::room_channel(1), [&](std::string_view, const std::shared_ptr<const std::string>& payload) {
        published.push_back(*payload);
        posts_seen_by_another_connection = count_rows(*this->scratch_.db().acquire(), "friend");
      });
  ASSERT_TRUE(run_awaitable(this->service().create(this->author(), form("새 모임", 4), {})).has_value());
  const auto rows = posts::list_posts(this->conn(), post_filter{}, all);
  ASSERT_EQ(rows.size(), 1U);
  const auto post = *posts::find_post(this->conn(), rows[0].friend_no);
  ASSERT_EQ(post.room_no, 1);
  EXPECT_EQ(post.status, "진행중");
  EXPECT_EQ(post.count, 0);
  EXPECT_EQ(post.max_count, 4);
  EXPECT_EQ(chats::find_room(this->conn(), post.room_no)->title, "새 모임");
  EXPECT_TRUE(chats::find_membership(this->conn(), post.room_no, this->author()).has_value());
  const auto messages = chats::messages_of(this->conn(), post.room_no, message_window{});
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages[0].type, "SYSTEM");
  EXPECT_EQ(messages[0].message, "대화가 시작되었습니다 :)");
  EXPECT_EQ(published,
            (std::vector<std::string>{boost::json::serialize(daengtionary::chat::message_json(messages[0]))}));
  EXPECT_EQ(posts_seen_by_another_connection, 1) << "published after the commit";

  EXPECT_EQ(run_awaitable(this->service().create(this->author(), form("x", 0), {})).error(), errc::not_valid_content);
  EXPECT_EQ(count_rows(this->conn(), "chat_room"), 1) << "a refused post opens no room";
}

TYPED_TEST(Matching, JoinsOncePerMemberClosesAtMaxCountAndAddsJoinersToTheRoom) {
  const auto id = this->post("둘만", 2);
  const auto room = posts::find_post(this->conn(), id)->room_no;
  auto join = [&](std::int64_t member_no) { return run_awaitable(this->service().join(member_no, id)); };
  EXPECT_EQ(join(this->author()).error(), errc::friend_is_not_member);
  EXPECT_EQ(join(this->people_[1]).value(), join_outcome::joined);
  EXPECT_EQ(join(this->people_[1]).value(), join_outcome::joined) << "again: success, counted once";
  EXPECT_EQ(posts::find_post(this->conn(), id)->count, 1);
  EXPECT_TRUE(chats::find_membership(this->conn(), room, this->people_[1]).has_value());
  EXPECT_EQ(join(this->people_[2]).value(), join_outcome::joined);
  EXPECT_EQ(posts::find_post(this->conn(), id)->status, "마감 완료");
  EXPECT_EQ(join(this->people_[3]).value(), join_outcome::full);
  EXPECT_EQ(join(this->people_[1]).value(), join_outcome::joined) << "a member who joined stays joined";
  EXPECT_EQ(join(this->author()).value(), join_outcome::full) << "a closed post answers 참가 실패 first";
  EXPECT_EQ(posts::find_post(this->conn(), id)->count, 2);
  EXPECT_EQ(count_rows(this->conn(), "friend_join"), 2);
  EXPECT_FALSE(chats::find_membership(this->conn(), room, this->people_[3]).has_value());
  EXPECT_EQ(run_awaitable(this->service().join(this->people_[1], id + 100)).error(), errc::map_not_found);
}

TYPED_TEST(Matching, ConcurrentJoinsNeverPassMaxCount) {
  const auto id = this->post("셋만", 3);
  asio::io_context ctx;
  std::vector<join_outcome> outcomes;
  for (std::size_t i = 1; i < this->people_.size(); ++i) {
    asio::co_spawn(ctx, this->service().join(this->people_[i], id),
                   [&outcomes](std::exception_ptr e, daengtionary::result<join_outcome> outcome) {
                     if (e) std::rethrow_exception(e);
                     outcomes.push_back(outcome.value());
                   });
  }
  ctx.run();
  ASSERT_EQ(outcomes.size(), 8U);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), join_outcome::joined), 3);
  const auto post = *posts::find_post(this->conn(), id);
  EXPECT_EQ(post.count, 3);
  EXPECT_EQ(post.status, "마감 완료");
  EXPECT_EQ(count_rows(this->conn(), "friend_join"), 3);
  EXPECT_EQ(count_rows(this->conn(), "chat_room_member"), 4) << "the author and the three who joined";
}

TYPED_TEST(Matching, OnlyTheAuthorUpdatesOrDeletesAndTheRoomFollowsTheTitle) {
  const auto id = this->post("원래 제목");
  const auto room = posts::find_post(this->conn(), id)->room_no;
  auto update = [&](std::int64_t member_no, std::int64_t friend_no, post_form f) {
    return run_awaitable(this->service().update(member_no, friend_no, std::move(f)));
  };
  EXPECT_EQ(update(this->people_[1], id, form("남의 글")).error(), errc::map_wrong_access);
  EXPECT_EQ(update(this->author(), id + 100, form("없음")).error(), errc::map_not_found);
  EXPECT_EQ(update(this->author(), id, form("", 3)).error(), errc::not_valid_content);
  EXPECT_EQ(posts::find_post(this->conn(), id)->title, "원래 제목");
  EXPECT_TRUE(update(this->author(), id, form("새 제목", 5)).has_value());
  EXPECT_EQ(posts::find_post(this->conn(), id)->title, "새 제목");
  EXPECT_EQ(chats::find_room(this->conn(), room)->title, "새 제목");

  EXPECT_EQ(run_awaitable(this->service().remove(this->people_[1], id)).error(), errc::map_wrong_access);
  EXPECT_TRUE(run_awaitable(this->service().remove(this->author(), id)).has_value());
  EXPECT_EQ(run_awaitable(this->service().remove(this->author(), id)).error(), errc::map_not_found);
  EXPECT_EQ(count_rows(this->conn(), "friend"), 0);
  EXPECT_TRUE(chats::find_room(this->conn(), room).has_value()) << "the chat room stays usable";
}

TEST(MatchingValidation, AcceptsWhatTheFrontendSendsAndRefusesTheRest) {
  using daengtionary::matching::validate;
  EXPECT_TRUE(validate(form("산책")).has_value());
  EXPECT_TRUE(validate(form("카페", 1, "애견카페")).has_value());
  EXPECT_TRUE(validate(form("자유", 100, "자유")).has_value());
  EXPECT_FALSE(validate(form("등산", 3, "등산")).has_value());
  EXPECT_FALSE(validate(form("  ")).has_value());
  EXPECT_FALSE(validate(form("영", 0)).has_value());
  EXPECT_FALSE(validate(form("음수", -1)).has_value());
  EXPECT_FALSE(validate(form("많음", 101)).has_value());
  auto post = form("내용");
  post.content = std::string(3000, 'a');
  EXPECT_FALSE(validate(post).has_value());
  post.content.clear();
  for (int i = 0; i < 1000; ++i) post.content += "가";
  EXPECT_TRUE(validate(post).has_value()) << "1000 characters, 3000 bytes";
  post.address = " ";
  EXPECT_FALSE(validate(post).has_value());
}

}  // namespace
