// Unit tests for platform::storage: image acceptance rules, the local-disk object store and the sweep.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>

#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include "platform/io/blocking_pool.hpp"
#include "platform/storage/image.hpp"
#include "platform/storage/local_disk_store.hpp"
#include "platform/storage/sweep.hpp"
#include "platform/storage/sweeper.hpp"

namespace {

namespace fs = std::filesystem;
using platform::storage::accept_image;
using platform::storage::image_kind;
using platform::storage::image_kind_from_filename;
using platform::storage::is_valid_key;
using platform::storage::local_disk_store;
using platform::storage::sniff_image;
using platform::storage::sweep_counts;
using platform::storage::sweep_store;
using std::chrono::hours;
using clock = std::chrono::system_clock;

const std::string png_bytes = std::string("\x89PNG\r\n\x1A\n", 8) + std::string("\0\0\0\rIHDR", 8);
const std::string jpeg_bytes = std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10);

// A fresh directory removed with everything in it at the end of the test.
class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "storage_test.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(Image, SniffsImageKindWhenMagicBytesMatch) {
  EXPECT_EQ(sniff_image(png_bytes), image_kind::png);
  EXPECT_EQ(sniff_image(jpeg_bytes), image_kind::jpeg);
  EXPECT_FALSE(sniff_image(""));
  EXPECT_FALSE(sniff_image("\xFF\xD8"));
  EXPECT_FALSE(sniff_image(png_bytes.substr(0, 7)));
  EXPECT_FALSE(sniff_image("GIF89a......"));
  EXPECT_FALSE(sniff_image("hello, I am text"));
}

TEST(Image, MapsExtensionWhenFilenameHasAllowedSuffixInAnyCase) {
  EXPECT_EQ(image_kind_from_filename("a.jpg"), image_kind::jpeg);
  EXPECT_EQ(image_kind_from_filename("a.JPEG"), image_kind::jpeg);
  EXPECT_EQ(image_kind_from_filename("photo.Jpg"), image_kind::jpeg);
  EXPECT_EQ(image_kind_from_filename("x.tar.png"), image_kind::png);
  EXPECT_EQ(image_kind_from_filename("강아지.PNG"), image_kind::png);
  EXPECT_FALSE(image_kind_from_filename("a.gif"));
  EXPECT_FALSE(image_kind_from_filename("png"));
  EXPECT_FALSE(image_kind_from_filename("a."));
  EXPECT_FALSE(image_kind_from_filename(""));
  EXPECT_FALSE(image_kind_from_filename("a.png.exe"));
  EXPECT_FALSE(image_kind_from_filename("a.pngx"));
}

TEST(Image, AcceptsImageWhenExtensionAndContentAgree) {
  const auto img = accept_image("Dog.Jpg", jpeg_bytes);
  ASSERT_TRUE(img);
  EXPECT_EQ(img->kind, image_kind::jpeg);
  EXPECT_EQ(platform::storage::content_type(img->kind), "image/jpeg");
  const std::regex key_shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\.jpg");
  EXPECT_TRUE(std::regex_match(img->key, key_shape)) << img->key;
  EXPECT_TRUE(is_valid_key(img->key));
  EXPECT_NE(accept_image("Dog.jpg", jpeg_bytes)->key, img->key);
}

TEST(Image, StoresAsSniffedKindWhenExtensionDisagrees) {
  const auto img = accept_image("really_a_png.jpg", png_bytes);
  ASSERT_TRUE(img);
  EXPECT_EQ(img->kind, image_kind::png);
  EXPECT_TRUE(img->key.ends_with(".png")) << img->key;
  EXPECT_EQ(platform::storage::content_type(img->kind), "image/png");
}

TEST(Image, RejectsUploadWhenExtensionOrContentNotAllowed) {
  EXPECT_FALSE(accept_image("a.gif", png_bytes));
  EXPECT_FALSE(accept_image("noextension", png_bytes));
  EXPECT_FALSE(accept_image("notes.png", "just some text"));
  EXPECT_FALSE(accept_image("empty.png", ""));
  EXPECT_FALSE(accept_image("anim.gif", "GIF89a......"));
}

TEST(LocalDiskStore, ValidatesKeysWhenTheyCouldEscapeTheRoot) {
  EXPECT_TRUE(is_valid_key("3f1c0000-aaaa-4bbb-8ccc-0123456789ab.png"));
  EXPECT_TRUE(is_valid_key("a"));
  EXPECT_TRUE(is_valid_key(std::string(128, 'k')));
  EXPECT_FALSE(is_valid_key(std::string(129, 'k')));
  EXPECT_FALSE(is_valid_key(""));
  EXPECT_FALSE(is_valid_key("../etc/passwd"));
  EXPECT_FALSE(is_valid_key(".."));
  EXPECT_FALSE(is_valid_key("a..b"));
  EXPECT_FALSE(is_valid_key(".hidden"));
  EXPECT_FALSE(is_valid_key("a/b.png"));
  EXPECT_FALSE(is_valid_key("a\\b.png"));
  EXPECT_FALSE(is_valid_key("/abs.png"));
  EXPECT_FALSE(is_valid_key("a b.png"));
  EXPECT_FALSE(is_valid_key(std::string("a\0b", 3)));
  EXPECT_FALSE(is_valid_key("a%2Fb"));
}

TEST(LocalDiskStore, RoundTripsObjectWhenPutThenGetThenRemoved) {
  const temp_dir dir;
  const auto root = dir.path() / "images" / "nested";  // created by the constructor
  local_disk_store store(root, "http://localhost:8080/", "/images/");
  const std::string key = "3f1c0000-aaaa-4bbb-8ccc-0123456789ab.png";

  EXPECT_FALSE(store.get(key));
  store.put(key, png_bytes, "image/png");
  EXPECT_EQ(store.get(key), png_bytes);
  EXPECT_TRUE(fs::is_regular_file(root / key));
  EXPECT_EQ(std::distance(fs::directory_iterator(root), fs::directory_iterator{}), 1) << "temp file left behind";

  store.put(key, jpeg_bytes, "image/jpeg");  // overwrite replaces
  EXPECT_EQ(store.get(key), jpeg_bytes);

  const auto url = store.public_url(key);
  EXPECT_EQ(url, "http://localhost:8080/images/" + key);
  EXPECT_EQ(store.key_from_url(url), key);

  store.remove(key);
  EXPECT_FALSE(store.get(key));
  EXPECT_NO_THROW(store.remove(key));  // missing is not an error
}

TEST(LocalDiskStore, StoresEmptyObjectWhenBytesEmpty) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://h", "images");
  store.put("empty.bin", "", "application/octet-stream");
  EXPECT_EQ(store.get("empty.bin"), "");
}

TEST(LocalDiskStore, RejectsKeyWhenInvalidForPutGetRemoveAndUrl) {
  const temp_dir dir;
  const auto root = dir.path() / "store";
  fs::create_directories(root);
  local_disk_store store(root, "http://h", "images");
  EXPECT_THROW(store.put("../escape.png", png_bytes, "image/png"), std::invalid_argument);
  EXPECT_FALSE(fs::exists(dir.path() / "escape.png"));
  EXPECT_THROW(store.put("", png_bytes, "image/png"), std::invalid_argument);
  EXPECT_THROW(store.public_url("a/b"), std::invalid_argument);

  // A file outside the root must stay unreachable and undeletable through the store.
  {
    const auto secret = dir.path() / "secret.txt";
    local_disk_store(dir.path(), "http://h", "x").put("secret.txt", "top", "text/plain");
    EXPECT_FALSE(store.get("../secret.txt"));
    store.remove("../secret.txt");
    EXPECT_TRUE(fs::exists(secret));
  }
  EXPECT_FALSE(store.get(".hidden"));
}

TEST(LocalDiskStore, ReturnsNoKeyWhenUrlIsForeign) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://localhost:8080", "images");
  EXPECT_EQ(store.key_from_url("http://localhost:8080/images/a.png"), "a.png");
  EXPECT_FALSE(store.key_from_url("https://ash-buckets.s3.ap-northeast-2.amazonaws.com/a.png"));
  EXPECT_FALSE(store.key_from_url("http://localhost:8080/other/a.png"));
  EXPECT_FALSE(store.key_from_url("http://localhost:8080/images/"));
  EXPECT_FALSE(store.key_from_url("http://localhost:8080/images/../secret"));
  EXPECT_FALSE(store.key_from_url("http://localhost:8080/images/a/b.png"));
  EXPECT_FALSE(store.key_from_url("http://localhost:8080/imagesa.png"));
  EXPECT_FALSE(store.key_from_url(""));
}

// ---- listing and sweeping ----------------------------------------------------------------------------

// Backdates a file's mtime, as if it had been written `age` ago.
void age_file(const fs::path& file, clock::duration age) {
  const auto when = std::chrono::file_clock::from_sys(clock::now() - age);
  fs::last_write_time(file, when);
}

// What a put the process was killed in leaves behind.
fs::path abandoned_write(const fs::path& root, const std::string& key) {
  const auto file = root / ("." + key + ".tmp-3f1c0000-aaaa-4bbb-8ccc-0123456789ab");
  std::ofstream(file) << "half";
  return file;
}

std::vector<std::string> keys_of(const platform::storage::object_page& page) {
  std::vector<std::string> keys;
  for (const auto& object : page.objects) keys.push_back(object.key);
  return keys;
}

TEST(LocalDiskStore, ListsObjectsInKeyOrderWithTheirModificationTimes) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://h", "images");
  for (const char* key : {"b.png", "c.png", "a.png"}) store.put(key, png_bytes, "image/png");
  age_file(dir.path() / "a.png", hours(2));
  abandoned_write(dir.path(), "d.png");

  const auto page = store.list("", 10);
  EXPECT_FALSE(page.truncated);
  ASSERT_EQ(keys_of(page), (std::vector<std::string>{"a.png", "b.png", "c.png"})) << "temp files are not objects";
  const auto a_age = clock::now() - page.objects[0].last_modified;
  EXPECT_GT(a_age, hours(2) - std::chrono::minutes(1));
  EXPECT_LT(a_age, hours(2) + std::chrono::minutes(1));
  EXPECT_LT(clock::now() - page.objects[1].last_modified, std::chrono::minutes(1));
}

TEST(LocalDiskStore, ListsInPagesAfterTheLastKeySeen) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://h", "images");
  for (const char* key : {"e.jpg", "a.jpg", "d.jpg", "b.jpg", "c.jpg"}) store.put(key, jpeg_bytes, "image/jpeg");

  const auto first = store.list("", 2);
  EXPECT_TRUE(first.truncated);
  EXPECT_EQ(keys_of(first), (std::vector<std::string>{"a.jpg", "b.jpg"}));
  const auto second = store.list("b.jpg", 2);
  EXPECT_TRUE(second.truncated);
  EXPECT_EQ(keys_of(second), (std::vector<std::string>{"c.jpg", "d.jpg"}));
  const auto last = store.list("d.jpg", 2);
  EXPECT_FALSE(last.truncated);
  EXPECT_EQ(keys_of(last), (std::vector<std::string>{"e.jpg"}));
}

TEST(LocalDiskStore, RemovesOnlyAbandonedWritesOlderThanTheCutoffAndAtMostTheBound) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://h", "images");
  store.put("kept.png", png_bytes, "image/png");
  age_file(dir.path() / "kept.png", hours(3));
  const auto young = abandoned_write(dir.path(), "young.png");
  for (const char* key : {"old1.png", "old2.png", "old3.png"}) age_file(abandoned_write(dir.path(), key), hours(2));

  EXPECT_EQ(store.remove_abandoned_writes(clock::now() - hours(1), 2), 2U);
  EXPECT_EQ(store.remove_abandoned_writes(clock::now() - hours(1), 2), 1U);
  EXPECT_EQ(store.remove_abandoned_writes(clock::now() - hours(1), 2), 0U);
  EXPECT_TRUE(fs::exists(young));
  EXPECT_TRUE(fs::exists(dir.path() / "kept.png")) << "an object is not an abandoned write";
}

// A store with `n` objects named "<prefix><i>.png", all written `age` ago.
void put_aged(local_disk_store& store, const fs::path& root, const std::string& prefix, int n, clock::duration age) {
  for (int i = 0; i < n; ++i) {
    const std::string key = prefix + std::to_string(i) + ".png";
    store.put(key, png_bytes, "image/png");
    age_file(root / key, age);
  }
}

TEST(StoreSweep, RemovesOldUnreferencedObjectsAndAbandonedWritesButKeepsReferencedAndYoungOnes) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://h", "images");
  put_aged(store, dir.path(), "orphan", 3, hours(2));
  put_aged(store, dir.path(), "used", 2, hours(2));
  put_aged(store, dir.path(), "fresh", 2, std::chrono::minutes(0));
  age_file(abandoned_write(dir.path(), "gone.png"), hours(2));
  const auto young_temp = abandoned_write(dir.path(), "uploading.png");

  const sweep_counts counts = sweep_store(store, {"used0.png", "used1.png"}, clock::now() - hours(1), 100, 2);

  EXPECT_EQ(counts.scanned, 7U);
  EXPECT_EQ(counts.removed, 3U);
  EXPECT_EQ(counts.kept_referenced, 2U);
  EXPECT_EQ(counts.kept_young, 2U);
  EXPECT_EQ(counts.abandoned_removed, 1U);
  EXPECT_FALSE(counts.stopped_at_bound);
  EXPECT_EQ(keys_of(store.list("", 100)),
            (std::vector<std::string>{"fresh0.png", "fresh1.png", "used0.png", "used1.png"}));
  EXPECT_TRUE(fs::exists(young_temp)) << "an upload in flight must not lose its temp file";
}

TEST(StoreSweep, StopsAtTheBoundAndLeavesTheRestForTheNextRun) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://h", "images");
  put_aged(store, dir.path(), "orphan", 5, hours(2));
  age_file(abandoned_write(dir.path(), "gone.png"), hours(2));

  const auto first = sweep_store(store, {}, clock::now() - hours(1), 3, 2);
  EXPECT_EQ(first.abandoned_removed + first.removed, 3U);
  EXPECT_TRUE(first.stopped_at_bound);
  EXPECT_EQ(store.list("", 100).objects.size(), 3U);

  const auto second = sweep_store(store, {}, clock::now() - hours(1), 3, 2);
  EXPECT_EQ(second.removed, 3U);
  const auto third = sweep_store(store, {}, clock::now() - hours(1), 3, 2);
  EXPECT_EQ(third.removed, 0U);
  EXPECT_FALSE(third.stopped_at_bound);
  EXPECT_TRUE(store.list("", 100).objects.empty());
}

TEST(StoreSweeper, SweepsAtStartAndEndsItsLoopWhenStopped) {
  const temp_dir dir;
  local_disk_store store(dir.path(), "http://h", "images");
  put_aged(store, dir.path(), "orphan", 1, std::chrono::seconds(5));
  put_aged(store, dir.path(), "used", 1, std::chrono::seconds(5));
  platform::io::blocking_pool pool(1, 10);
  boost::asio::io_context io;
  platform::storage::sweeper sweeps(
      io.get_executor(), store, pool,
      []() -> boost::asio::awaitable<std::unordered_set<std::string>> {
        co_return std::unordered_set<std::string>{"used0.png"};
      },
      platform::storage::sweep_settings{std::chrono::seconds(1), hours(1), 10});
  sweeps.start();

  // Waits for the first run to remove the orphan, then stops the sweeper during its hour-long wait.
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        boost::asio::steady_timer poll(io);
        for (int i = 0; i < 500 && fs::exists(dir.path() / "orphan0.png"); ++i) {
          poll.expires_after(std::chrono::milliseconds(10));
          co_await poll.async_wait(boost::asio::use_awaitable);
        }
        co_await sweeps.stop();
      },
      boost::asio::detached);
  const auto started = std::chrono::steady_clock::now();
  io.run();  // returns only once the sweeper's loop has ended

  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_FALSE(fs::exists(dir.path() / "orphan0.png"));
  EXPECT_TRUE(fs::exists(dir.path() / "used0.png"));
}

}  // namespace
