// Unit tests for platform::storage: image acceptance rules and the local-disk object store.
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "platform/storage/image.hpp"
#include "platform/storage/local_disk_store.hpp"

namespace {

namespace fs = std::filesystem;
using platform::storage::accept_image;
using platform::storage::image_kind;
using platform::storage::image_kind_from_filename;
using platform::storage::is_valid_key;
using platform::storage::local_disk_store;
using platform::storage::sniff_image;

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

}  // namespace
