// platform::cache::page_cache: a page is reused until the generation moves (here, as in the apps, a database's
// write generation), and refreshed once at a time when it ages out.
#include "platform/cache/page_cache.hpp"

#include <chrono>
#include <filesystem>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "platform/io/blocking_pool.hpp"
#include "platform/sql/database.hpp"

namespace {

namespace asio = boost::asio;
namespace http = platform::http;
using namespace std::chrono_literals;

http::response page(http::status code, std::string body) { return http::json_response(code, std::move(body)); }

std::int64_t create_table(platform::sql::connection& c) { return c.execute("CREATE TABLE IF NOT EXISTS t (x BIGINT)"); }

class PageCache : public ::testing::Test {
 protected:
  // One finished transaction, as every write of a feature is.
  void write() {
    asio::io_context io;
    asio::co_spawn(
        io, [this]() -> asio::awaitable<void> { co_await db_->transact(create_table); }, asio::detached);
    io.run();
  }

  std::filesystem::path file_ =
      std::filesystem::temp_directory_path() / ("page_cache_test_" + std::to_string(::getpid()) + ".db");
  platform::io::blocking_pool pool_{1, 8};
  std::unique_ptr<platform::sql::database> db_ = platform::sql::database::open("sqlite:" + file_.string(), pool_, 1);

  // The cache as the apps wire it.
  platform::cache::page_cache make_cache(std::chrono::milliseconds max_age, std::size_t max_entries) {
    return {[db = db_.get()] { return db->write_generation(); }, max_age, max_entries};
  }

  void TearDown() override { std::filesystem::remove(file_); }
};

TEST_F(PageCache, ReturnsStoredPageUntilNextWrite) {
  auto cache = make_cache(60s, 16);
  EXPECT_FALSE(cache.find("/community?sort=new").has_value());
  cache.store("/community?sort=new", cache.generation(), page(http::status::ok, R"({"state":200})"));
  const auto hit = cache.find("/community?sort=new");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->body(), R"({"state":200})");
  EXPECT_FALSE(cache.find("/community?sort=popular").has_value()) << "the whole target is the key";
  write();
  EXPECT_FALSE(cache.find("/community?sort=new").has_value()) << "a write makes every page stale";
}

TEST_F(PageCache, DropsPageRenderedBeforeAWriteFinished) {
  auto cache = make_cache(60s, 16);
  const auto read_before_query = cache.generation();
  write();  // commits while the page is being rendered from older rows
  cache.store("/trade", read_before_query, page(http::status::ok, "old"));
  EXPECT_FALSE(cache.find("/trade").has_value());
}

TEST_F(PageCache, KeepsOnlySuccessfulPages) {
  auto cache = make_cache(60s, 16);
  cache.store("/community?pagenum=-1", cache.generation(), page(http::status::bad_request, "{}"));
  EXPECT_FALSE(cache.find("/community?pagenum=-1").has_value());
}

TEST_F(PageCache, HandsOutOneRefreshOfAnAgedPageAndTheOldPageMeanwhile) {
  auto cache = make_cache(20ms, 16);
  cache.store("/friend", cache.generation(), page(http::status::ok, "old"));
  EXPECT_TRUE(cache.find("/friend").has_value());
  std::this_thread::sleep_for(40ms);
  EXPECT_FALSE(cache.find("/friend").has_value()) << "another instance may have written: refresh";
  const auto meanwhile = cache.find("/friend");
  ASSERT_TRUE(meanwhile.has_value()) << "one refresh at a time";
  EXPECT_EQ(meanwhile->body(), "old");
  cache.store("/friend", cache.generation(), page(http::status::ok, "new"));
  EXPECT_EQ(cache.find("/friend")->body(), "new");
}

TEST_F(PageCache, HandsOutAnotherRefreshWhenOneNeverStored) {
  auto cache = make_cache(20ms, 16);
  cache.store("/friend", cache.generation(), page(http::status::ok, "old"));
  std::this_thread::sleep_for(40ms);
  EXPECT_FALSE(cache.find("/friend").has_value());  // this refresh fails and stores nothing
  EXPECT_TRUE(cache.find("/friend").has_value());
  std::this_thread::sleep_for(40ms);
  EXPECT_FALSE(cache.find("/friend").has_value()) << "the next caller tries again";
}

TEST_F(PageCache, NeverServesAnAgedPageAfterAWrite) {
  auto cache = make_cache(20ms, 16);
  cache.store("/friend", cache.generation(), page(http::status::ok, "old"));
  std::this_thread::sleep_for(40ms);
  EXPECT_FALSE(cache.find("/friend").has_value());
  write();
  EXPECT_FALSE(cache.find("/friend").has_value()) << "a refresh is running, but the page predates a write";
}

TEST_F(PageCache, StaysWithinMaxEntries) {
  auto cache = make_cache(60s, 2);
  for (const char* target : {"/a", "/b", "/c"}) cache.store(target, cache.generation(), page(http::status::ok, target));
  EXPECT_TRUE(cache.find("/c").has_value()) << "the newest page is kept";
  const int kept = cache.find("/a").has_value() + cache.find("/b").has_value();
  EXPECT_LE(kept, 1);
}

}  // namespace
