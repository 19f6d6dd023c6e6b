// platform::cache::page_cache shared by several I/O threads while writes land: no page older than a finished
// write is served, and the pages handed out are whole. Run under ThreadSanitizer by scripts/test.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/detached.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "platform/cache/page_cache.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/sql/database.hpp"

namespace {

namespace asio = boost::asio;
namespace http = platform::http;
using namespace std::chrono_literals;

std::int64_t bump(platform::sql::connection& c) { return c.execute("UPDATE t SET x = x + 1"); }

// Renders "/list/<n>" as a page that names the generation it was rendered under.
void look_up_or_render(platform::cache::page_cache& cache, int n, std::atomic<int>& stale) {
  const std::string target = "/list/" + std::to_string(n % 8);
  const auto before = cache.generation();
  if (const auto hit = cache.find(target)) {
    if (std::stoull(hit->body()) < before) ++stale;
    return;
  }
  cache.store(target, before, http::json_response(http::status::ok, std::to_string(before)));
}

TEST(PageCache, NeverServesAPageOlderThanAFinishedWriteWhenIoThreadsShareIt) {
  const auto file =
      std::filesystem::temp_directory_path() / ("page_cache_concurrency_test_" + std::to_string(::getpid()) + ".db");
  {
    platform::io::blocking_pool pool(1, 8);
    auto db = platform::sql::database::open("sqlite:" + file.string(), pool, 2);
    db->acquire()->execute_script("CREATE TABLE t (x BIGINT); INSERT INTO t (x) VALUES (0);");
    platform::cache::page_cache cache([&db] { return db->write_generation(); }, 1ms,
                                      4);  // ageing and eviction both happen during the run

    std::atomic<bool> reading{true};
    std::thread writer([&] {
      asio::io_context io;
      while (reading) {
        asio::co_spawn(io, db->transact(bump), asio::detached);
        io.restart();
        io.run();
      }
    });
    std::atomic<int> stale{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 4; ++r) {
      readers.emplace_back([&cache, &stale] {
        for (int n = 0; n < 2000; ++n) look_up_or_render(cache, n, stale);
      });
    }
    for (auto& reader : readers) reader.join();
    reading = false;
    writer.join();
    EXPECT_EQ(stale.load(), 0);
    EXPECT_GT(db->write_generation(), 0U) << "writes landed during the run";
  }
  std::filesystem::remove(file);
}

}  // namespace
