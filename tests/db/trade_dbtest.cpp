// Daengtionary's trade repository over the real migrations, on SQLite and on PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "apps/daengtionary/trade/repository.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/error.hpp"
#include "tests/db/daengtionary_database.hpp"

namespace {

namespace sql = platform::sql;
namespace trades = daengtionary::trade::repository;
namespace shared = daengtionary::post::repository;
namespace wishes = daengtionary::wishes;
using daengtionary::errc;
using daengtionary::page;
using daengtionary::sort_order;
using daengtionary::trade::trade_filter;
using daengtionary::trade::trade_form;
using daengtionary::trade::trade_summary;
using test_db::count_rows;
using test_db::t0;
using test_db::t1;

constexpr page all{0, 100};

// What the frontend sends, with the title (and optionally more) changed.
trade_form form(const std::string& title, std::int64_t price = 15000) {
  return trade_form{title, "전국", "중고", "교환불가", price, "없음", "판매중"};
}

std::vector<std::int64_t> ids(const std::vector<trade_summary>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& row : rows) out.push_back(row.trade_no);
  return out;
}

template <class Backend>
class TradeRepository : public test_db::daengtionary_database<Backend> {
 protected:
  TradeRepository() : test_db::daengtionary_database<Backend>("trade_dbtest") {}

  void prepare() override {
    alice_ = this->add_member("a@example.com", "앨리스");
    bob_ = this->add_member("b@example.com", "bob");
  }

  std::vector<std::int64_t> find(const trade_filter& filter, sort_order sort = sort_order::none, page paging = all) {
    return ids(trades::list_trades(this->conn(), filter, sort, paging));
  }

  std::int64_t alice_ = 0;
  std::int64_t bob_ = 0;
};

TYPED_TEST_SUITE(TradeRepository, test_db::backends, test_db::backend_names);

TYPED_TEST(TradeRepository, FindsTradeWithAuthorAndEveryFieldWhenInserted) {
  const auto id = trades::insert_trade(
      this->conn(), this->alice_,
      trade_form{"유모차", "서울", "거의 새 것", "교환가능", 1'000'000'000, "거의 안 썼어요", "예약중"}, t0);
  const auto found = trades::find_trade(this->conn(), id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->trade_no, id);
  EXPECT_EQ(found->member_no, this->alice_);
  EXPECT_EQ(found->nick, "앨리스");
  EXPECT_EQ(found->title, "유모차");
  EXPECT_EQ(found->address, "서울");
  EXPECT_EQ(found->stuff_status, "거의 새 것");
  EXPECT_EQ(found->exchange, "교환가능");
  EXPECT_EQ(found->post_status, "예약중");
  EXPECT_EQ(found->content, "거의 안 썼어요");
  EXPECT_EQ(found->price, 1'000'000'000);
  EXPECT_EQ(found->views, 0);
  EXPECT_EQ(found->wish_count, 0);
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t0);
  EXPECT_EQ(trades::find_trade(this->conn(), id + 1000), std::nullopt);
}

TYPED_TEST(TradeRepository, RejectsValuesOutsideTheSchemaChecks) {
  auto with = [](auto change) {
    trade_form f = form("x");
    change(f);
    return f;
  };
  const trade_form bad[] = {
      with([](trade_form& f) { f.stuff_status = "헌 것"; }), with([](trade_form& f) { f.exchange = ""; }),
      with([](trade_form& f) { f.post_status = "판매"; }),   with([](trade_form& f) { f.price = -1; }),
      with([](trade_form& f) { f.price = 1'000'000'001; }),
  };
  for (const auto& f : bad) {
    EXPECT_THROW(trades::insert_trade(this->conn(), this->alice_, f, t0), sql::error);
  }
  EXPECT_EQ(count_rows(this->conn(), "trade"), 0);
  trade_form empty_stuff = form("x");
  empty_stuff.stuff_status = "";
  EXPECT_NO_THROW(trades::insert_trade(this->conn(), this->alice_, empty_stuff, t0)) << "no box ticked";
}

TYPED_TEST(TradeRepository, UpdatesAllSevenFieldsWhenRewritten) {
  const auto id = trades::insert_trade(this->conn(), this->alice_, form("전"), t0);
  trades::update_trade(this->conn(), id, trade_form{"후", "부산", "새 물건", "교환가능", 0, "새 내용", "판매완료"}, t1);
  const auto found = trades::find_trade(this->conn(), id);
  EXPECT_EQ(found->title, "후");
  EXPECT_EQ(found->address, "부산");
  EXPECT_EQ(found->stuff_status, "새 물건");
  EXPECT_EQ(found->exchange, "교환가능");
  EXPECT_EQ(found->price, 0);
  EXPECT_EQ(found->content, "새 내용");
  EXPECT_EQ(found->post_status, "판매완료");
  EXPECT_EQ(found->created_at, t0);
  EXPECT_EQ(found->modified_at, t1);
}

TYPED_TEST(TradeRepository, KeepsImagesInUploadOrderAndListsTheFirst) {
  const auto id = trades::insert_trade(this->conn(), this->alice_, form("유모차"), t0);
  const auto bare = trades::insert_trade(this->conn(), this->alice_, form("맨"), t0);
  shared::insert_images(this->conn(), trades::tables(), id,
                        {"http://x/images/b.png", "http://x/images/a.png", "http://x/images/c.png"});
  EXPECT_EQ(shared::image_urls(this->conn(), trades::tables(), id),
            (std::vector<std::string>{"http://x/images/b.png", "http://x/images/a.png", "http://x/images/c.png"}));
  const auto rows = trades::list_trades(this->conn(), trade_filter{}, sort_order::none, all);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].trade_no, bare);
  EXPECT_EQ(rows[0].image, std::nullopt);
  EXPECT_EQ(rows[1].image, std::optional<std::string>("http://x/images/b.png"));
  shared::delete_images(this->conn(), trades::tables(), id);
  EXPECT_TRUE(shared::image_urls(this->conn(), trades::tables(), id).empty());
  EXPECT_EQ(trades::list_trades(this->conn(), trade_filter{}, sort_order::none, all)[1].image, std::nullopt);
}

TYPED_TEST(TradeRepository, ListsEveryColumnWithLiveWishCount) {
  const auto id = trades::insert_trade(this->conn(), this->alice_, form("유모차", 15000), t0);
  wishes::insert(this->conn(), this->bob_, wishes::target::trade, id, t0);
  wishes::insert(this->conn(), this->alice_, wishes::target::trade, id, t0);
  shared::add_view(this->conn(), trades::tables(), id);
  const auto rows = trades::list_trades(this->conn(), trade_filter{}, sort_order::none, all);
  ASSERT_EQ(rows.size(), 1U);
  const auto& row = rows[0];
  EXPECT_EQ(row.trade_no, id);
  EXPECT_EQ(row.nick, "앨리스");
  EXPECT_EQ(row.title, "유모차");
  EXPECT_EQ(row.post_status, "판매중");
  EXPECT_EQ(row.views, 1);
  EXPECT_EQ(row.price, 15000);
  EXPECT_EQ(row.image, std::nullopt);
  EXPECT_EQ(row.wish_count, 2);
  EXPECT_EQ(row.created_at, t0);
  EXPECT_EQ(row.modified_at, t0);
  EXPECT_EQ(trades::find_trade(this->conn(), id)->wish_count, 2);
}

TYPED_TEST(TradeRepository, FiltersByEachFieldWhenGiven) {
  const auto a = trades::insert_trade(
      this->conn(), this->alice_,
      trade_form{"Happy 유모차 100%", "서울 강남구", "중고", "교환불가", 1, "깨끗 CLEAN", "판매중"}, t0);
  const auto b =
      trades::insert_trade(this->conn(), this->bob_,
                           trade_form{"강아지_옷", "부산 해운대구", "새 물건", "교환가능", 2, "작아요", "예약중"}, t0);
  using V = std::vector<std::int64_t>;
  const trade_filter none{};
  EXPECT_EQ(this->find(none), (V{b, a}));
  EXPECT_EQ(this->find(trade_filter{"happy", "", "", "", ""}), (V{a})) << "case-insensitive";
  EXPECT_EQ(this->find(trade_filter{"HAPPY 유모", "", "", "", ""}), (V{a}));
  EXPECT_EQ(this->find(trade_filter{"100%", "", "", "", ""}), (V{a}));
  EXPECT_EQ(this->find(trade_filter{"y%유", "", "", "", ""}), (V{})) << "% is literal";
  EXPECT_EQ(this->find(trade_filter{"_", "", "", "", ""}), (V{b})) << "_ is literal";
  EXPECT_EQ(this->find(trade_filter{"!", "", "", "", ""}), (V{})) << "the escape character is literal";
  EXPECT_EQ(this->find(trade_filter{"", "clean", "", "", ""}), (V{a}));
  EXPECT_EQ(this->find(trade_filter{"", "", "bob", "", ""}), (V{b}));
  EXPECT_EQ(this->find(trade_filter{"", "", "bo", "", ""}), (V{})) << "nick is exact";
  EXPECT_EQ(this->find(trade_filter{"", "", "", "부산", ""}), (V{b}));
  EXPECT_EQ(this->find(trade_filter{"", "", "", " ", ""}), (V{b, a}));
  EXPECT_EQ(this->find(trade_filter{"", "", "", "", "예약중"}), (V{b}));
  EXPECT_EQ(this->find(trade_filter{"", "", "", "", "판매"}), (V{})) << "postStatus is exact";
  EXPECT_EQ(this->find(trade_filter{"happy", "깨끗", "앨리스", "서울", "판매중"}), (V{a}));
  EXPECT_EQ(this->find(trade_filter{"happy", "", "", "", "예약중"}), (V{})) << "filters are ANDed";
}

TYPED_TEST(TradeRepository, OrdersAndPagesWhenSorted) {
  const auto p1 = trades::insert_trade(this->conn(), this->alice_, form("1"), t1);
  const auto p2 = trades::insert_trade(this->conn(), this->alice_, form("2"), t0);
  const auto p3 = trades::insert_trade(this->conn(), this->alice_, form("3"), t0);
  shared::add_view(this->conn(), trades::tables(), p1);
  shared::add_view(this->conn(), trades::tables(), p2);
  shared::add_view(this->conn(), trades::tables(), p2);
  using V = std::vector<std::int64_t>;
  const trade_filter none{};
  EXPECT_EQ(this->find(none, sort_order::none), (V{p3, p2, p1}));
  EXPECT_EQ(this->find(none, sort_order::newest), (V{p1, p3, p2}));
  EXPECT_EQ(this->find(none, sort_order::popular), (V{p2, p1, p3}));
  EXPECT_EQ(this->find(none, sort_order::popular, page{0, 2}), (V{p2, p1}));
  EXPECT_EQ(this->find(none, sort_order::popular, page{1, 2}), (V{p3}));
  EXPECT_EQ(this->find(none, sort_order::popular, page{2, 2}), (V{}));
}

TYPED_TEST(TradeRepository, ListsOnlyTheMembersOwnTradesNewestFirst) {
  const auto a1 = trades::insert_trade(this->conn(), this->alice_, form("a1"), t1);
  trades::insert_trade(this->conn(), this->bob_, form("b1"), t0);
  const auto a2 = trades::insert_trade(this->conn(), this->alice_, form("a2"), t0);
  shared::insert_images(this->conn(), trades::tables(), a2, {"http://x/images/a2.png"});
  const auto mine = trades::trades_of(this->conn(), this->alice_);
  EXPECT_EQ(ids(mine), (std::vector<std::int64_t>{a2, a1}));
  EXPECT_EQ(mine[0].image, std::optional<std::string>("http://x/images/a2.png"));
  EXPECT_EQ(mine[1].image, std::nullopt) << "a trade without images is listed too";
  EXPECT_EQ(mine[1].price, 15000);
  EXPECT_TRUE(trades::trades_of(this->conn(), this->bob_ + 1000).empty());
}

TYPED_TEST(TradeRepository, RecordsAViewOncePerViewerAndDay) {
  const auto id = trades::insert_trade(this->conn(), this->alice_, form("유모차"), t0);
  const auto other = trades::insert_trade(this->conn(), this->alice_, form("옷"), t0);
  EXPECT_FALSE(shared::viewed(this->conn(), trades::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), trades::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::viewed(this->conn(), trades::tables(), id, "m:1", 19000));
  EXPECT_FALSE(shared::viewed(this->conn(), trades::tables(), id, "m:1", 19001)) << "per day";
  EXPECT_FALSE(shared::record_view(this->conn(), trades::tables(), id, "m:1", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), trades::tables(), id, "m:2", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), trades::tables(), id, "m:1", 19001));
  EXPECT_TRUE(shared::record_view(this->conn(), trades::tables(), id, "ip:127.0.0.1", 19000));
  EXPECT_TRUE(shared::record_view(this->conn(), trades::tables(), other, "m:1", 19000)) << "per trade";
  shared::add_view(this->conn(), trades::tables(), id);
  shared::add_view(this->conn(), trades::tables(), id);
  EXPECT_EQ(trades::find_trade(this->conn(), id)->views, 2);
  EXPECT_EQ(trades::find_trade(this->conn(), other)->views, 0);
}

TYPED_TEST(TradeRepository, TogglesWishesUniquePerMemberBesideOtherTargets) {
  const auto id = trades::insert_trade(this->conn(), this->alice_, form("유모차"), t0);
  EXPECT_EQ(wishes::find(this->conn(), this->bob_, wishes::target::trade, id), std::nullopt);
  wishes::insert(this->conn(), this->bob_, wishes::target::trade, id, t0);
  const auto wish = wishes::find(this->conn(), this->bob_, wishes::target::trade, id);
  ASSERT_TRUE(wish.has_value());
  EXPECT_EQ(wishes::find(this->conn(), this->alice_, wishes::target::trade, id), std::nullopt);
  EXPECT_EQ(wishes::find(this->conn(), this->bob_, wishes::target::map, id), std::nullopt) << "targets are apart";
  EXPECT_THROW(wishes::insert(this->conn(), this->bob_, wishes::target::trade, id, t0), sql::error);
  wishes::remove(this->conn(), *wish);
  EXPECT_EQ(wishes::find(this->conn(), this->bob_, wishes::target::trade, id), std::nullopt);

  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::trade, id).value(), true);
  EXPECT_EQ(wishes::toggle(this->conn(), this->alice_, wishes::target::trade, id).value(), true);
  EXPECT_EQ(trades::find_trade(this->conn(), id)->wish_count, 2);
  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::trade, id).value(), false);
  EXPECT_EQ(trades::find_trade(this->conn(), id)->wish_count, 1);
  EXPECT_EQ(wishes::toggle(this->conn(), this->bob_, wishes::target::trade, id + 1000).error(), errc::map_not_found);
}

TYPED_TEST(TradeRepository, DeletesTradeWithEverythingThatRefersToIt) {
  const auto id = trades::insert_trade(this->conn(), this->alice_, form("유모차"), t0);
  const auto kept = trades::insert_trade(this->conn(), this->alice_, form("남음"), t0);
  for (const auto trade_no : {id, kept}) {
    shared::insert_images(this->conn(), trades::tables(), trade_no, {"http://x/images/1.png"});
    wishes::insert(this->conn(), this->bob_, wishes::target::trade, trade_no, t0);
    shared::record_view(this->conn(), trades::tables(), trade_no, "m:2", 1);
  }
  shared::delete_post(this->conn(), trades::tables(), id);
  EXPECT_EQ(trades::find_trade(this->conn(), id), std::nullopt);
  EXPECT_TRUE(trades::find_trade(this->conn(), kept).has_value());
  for (const char* table : {"trade_img", "wish", "trade_view", "trade"}) {
    EXPECT_EQ(count_rows(this->conn(), table), 1) << table;
  }
}

TYPED_TEST(TradeRepository, CascadesInTheSchemaWhenTheAuthorIsDeleted) {
  const auto id = trades::insert_trade(this->conn(), this->alice_, form("유모차"), t0);
  shared::insert_images(this->conn(), trades::tables(), id, {"http://x/images/1.png"});
  wishes::insert(this->conn(), this->bob_, wishes::target::trade, id, t0);
  shared::record_view(this->conn(), trades::tables(), id, "m:2", 1);
  this->conn().execute("DELETE FROM member WHERE member_no = ?", {this->alice_});
  for (const char* table : {"trade_img", "wish", "trade_view", "trade"}) {
    EXPECT_EQ(count_rows(this->conn(), table), 0) << table;
  }
}

}  // namespace
