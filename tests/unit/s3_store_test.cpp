// Tests of the S3 store: reading S3's XML answers, choosing the store from storage.*, and the store itself
// against a throw-away s3rver that checks SigV4 (put, get, delete, listing pages, the sweep, a wrong secret).
#include "platform/storage/s3_store.hpp"

#include <chrono>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "platform/config/reader.hpp"
#include "platform/http/client.hpp"
#include "platform/storage/open.hpp"
#include "platform/storage/s3_xml.hpp"
#include "platform/storage/sweep.hpp"
#include "s3rver.hpp"

namespace {

using platform::config::config_error;
using platform::config::reader;
using platform::storage::parse_error_code;
using platform::storage::parse_iso8601_utc;
using platform::storage::parse_list_objects_v2;
using platform::storage::read_store_settings;
using platform::storage::s3_error;
using platform::storage::s3_settings;
using platform::storage::s3_store;
using platform::storage::url_scheme;

constexpr auto page_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name><Prefix></Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
  <Contents><Key>a&amp;b.png</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified><Size>434234</Size></Contents>
  <Contents><Key>c.jpg</Key><LastModified>2026-12-06T07:00:01Z</LastModified></Contents>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
  <StartAfter>0</StartAfter>
</ListBucketResult>)";

std::chrono::system_clock::time_point utc(std::int64_t seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

TEST(S3Xml, ReadsAListObjectsV2Page) {
  const auto page = parse_list_objects_v2(page_xml);
  ASSERT_EQ(page.objects.size(), 2U);
  EXPECT_EQ(page.objects[0].key, "a&b.png");
  EXPECT_EQ(page.objects[0].last_modified, utc(1255369830));
  EXPECT_EQ(page.objects[1].key, "c.jpg");
  EXPECT_EQ(page.objects[1].last_modified, utc(1796540401));
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.next_continuation_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
}

TEST(S3Xml, ReadsTheLastPageOfAnEmptyBucket) {
  const auto page = parse_list_objects_v2(
      "<ListBucketResult><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>");
  EXPECT_TRUE(page.objects.empty());
  EXPECT_FALSE(page.truncated);
}

TEST(S3Xml, RefusesMalformedListings) {
  EXPECT_THROW(parse_list_objects_v2("<ListBucketResult><Contents>"), std::runtime_error);
  EXPECT_THROW(parse_list_objects_v2("<ListBucketResult><Contents><Key>k</Key></Contents></ListBucketResult>"),
               std::runtime_error);
  EXPECT_THROW(parse_list_objects_v2("<ListBucketResult><Contents><Key>k</Key><LastModified>yesterday</LastModified>"
                                     "</Contents></ListBucketResult>"),
               std::runtime_error);
}

TEST(S3Xml, ReadsAnErrorCode) {
  EXPECT_EQ(parse_error_code("<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>x</Message>"
                             "</Error>"),
            "SignatureDoesNotMatch");
  EXPECT_EQ(parse_error_code("<html>502 Bad Gateway"), std::nullopt);
  EXPECT_EQ(parse_error_code(""), std::nullopt);
}

TEST(S3Xml, ParsesIso8601Utc) {
  EXPECT_EQ(parse_iso8601_utc("1970-01-01T00:00:00Z"), utc(0));
  EXPECT_EQ(parse_iso8601_utc("2015-08-30T12:36:00.123Z"), utc(1440938160));
  EXPECT_EQ(parse_iso8601_utc("2015-08-30T12:36:00"), std::nullopt);
  EXPECT_EQ(parse_iso8601_utc("2015-08-30 12:36:00Z"), std::nullopt);
  EXPECT_EQ(parse_iso8601_utc("2015-08-30T12:36:00.Z"), std::nullopt);
  EXPECT_EQ(parse_iso8601_utc("2015-08-30T12:36:00+09:00"), std::nullopt);
  EXPECT_EQ(parse_iso8601_utc(""), std::nullopt);
}

TEST(StoreSettings, LocalDiskByDefault) {
  auto config = reader::from_string("", "S3T_DEFAULT");
  const auto settings = read_store_settings(config, "var/images", 1024);
  EXPECT_FALSE(settings.s3);
  EXPECT_EQ(settings.root, "var/images");
}

TEST(StoreSettings, ReadsTheBucketAndItsEndpoint) {
  auto config = reader::from_string(R"(
[storage]
url = "s3://photos"
public_url = "https://cdn.example.com"
[storage.s3]
region = "ap-northeast-2"
path_style = true
access_key_id = "AKID"
secret_access_key = "secret"
)",
                                    "S3T_FILE");
  const auto settings = read_store_settings(config, "var/images", 1024);
  ASSERT_TRUE(settings.s3);
  EXPECT_EQ(settings.s3->bucket, "photos");
  EXPECT_EQ(settings.s3->region, "ap-northeast-2");
  EXPECT_EQ(settings.s3->endpoint, "https://s3.ap-northeast-2.amazonaws.com");
  EXPECT_TRUE(settings.s3->path_style);
  EXPECT_EQ(settings.s3->credentials.access_key_id, "AKID");
  EXPECT_EQ(settings.s3->max_object_size, 1024U);
  EXPECT_EQ(settings.public_url, "https://cdn.example.com");
  for (const auto& setting : config.effective()) {
    if (setting.key == "storage.s3.secret_access_key") {
      EXPECT_EQ(setting.value, "****");
    }
  }
}

TEST(StoreSettings, RefusesOtherSchemesAndMissingCredentials) {
  const auto read = [](const std::string& toml) {
    auto config = reader::from_string(toml, "S3T_BAD");
    return read_store_settings(config, "var/images", 1024);
  };
  EXPECT_THROW(read("[storage]\nurl = \"file:/tmp\""), config_error);
  EXPECT_THROW(read("[storage]\nurl = \"s3://\""), config_error);
  EXPECT_THROW(read("[storage]\nurl = \"s3://bucket/prefix\""), config_error);
  EXPECT_THROW(read("[storage]\npublic_url = \"https://cdn.example.com\""), config_error);
  if (std::getenv("AWS_ACCESS_KEY_ID") == nullptr) {  // NOLINT(concurrency-mt-unsafe): single-threaded test
    EXPECT_THROW(read("[storage]\nurl = \"s3://bucket\""), config_error);
  }
}

class S3Store : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test_support::s3rver::available()) GTEST_SKIP() << "node or tests/e2e/node_modules/s3rver missing";
    server_.emplace();
  }

  s3_store store(bool path_style = true, std::string secret = test_support::s3rver::secret_access_key) const {
    s3_settings settings;
    settings.bucket = server_->bucket();
    settings.endpoint = path_style ? server_->endpoint() : server_->virtual_host_endpoint();
    settings.path_style = path_style;
    settings.credentials = {test_support::s3rver::access_key_id, std::move(secret)};
    return s3_store(settings, url_scheme("http://localhost:8080", "images"));
  }

  std::vector<std::string> keys(const s3_store& s) const {
    std::vector<std::string> out;
    for (const auto& object : s.list("", 1000).objects) out.push_back(object.key);
    return out;
  }

  std::optional<test_support::s3rver> server_;
};

TEST_F(S3Store, PutGetAndRemove) {
  auto s3 = store();
  const std::string bytes("\x89PNG\r\n\x1a\n\0binary", 14);
  s3.put("a.png", bytes, "image/png");
  EXPECT_EQ(s3.get("a.png"), bytes);
  EXPECT_EQ(s3.get("missing.png"), std::nullopt);
  EXPECT_EQ(s3.get("../a.png"), std::nullopt);
  EXPECT_THROW(s3.put("a b.png", bytes, "image/png"), std::invalid_argument);
  s3.remove("a.png");
  EXPECT_EQ(s3.get("a.png"), std::nullopt);
  EXPECT_NO_THROW(s3.remove("a.png"));  // deletes repeat
  EXPECT_EQ(s3.public_url("a.png"), "http://localhost:8080/images/a.png");
  EXPECT_EQ(s3.key_from_url("http://localhost:8080/images/a.png"), "a.png");
  EXPECT_EQ(s3.remove_abandoned_writes(std::chrono::system_clock::now(), 10), 0U);
}

TEST_F(S3Store, VirtualHostedAddressing) {
  auto s3 = store(false);
  s3.put("v.jpg", "jpeg bytes", "image/jpeg");
  EXPECT_EQ(s3.get("v.jpg"), "jpeg bytes");
  EXPECT_EQ(keys(store(true)), std::vector<std::string>{"v.jpg"});  // the same bucket, path-style
}

// Keys the app could not have written are skipped: the page is filled through continuation tokens.
TEST_F(S3Store, ListsPagesAfterAKeyAndSkipsForeignKeys) {
  auto s3 = store();
  for (const char* key : {"k1.png", "k2.png", "k3.png", "k4.png", "k5.png"}) s3.put(key, "x", "image/png");
  for (const char* key : {"a~1", "a~2", "a~3"}) server_->plant(key, "foreign");

  const auto first = s3.list("", 2);
  ASSERT_EQ(first.objects.size(), 2U);
  EXPECT_EQ(first.objects[0].key, "k1.png");
  EXPECT_EQ(first.objects[1].key, "k2.png");
  EXPECT_TRUE(first.truncated);
  const auto now = std::chrono::system_clock::now();
  EXPECT_LE(first.objects[0].last_modified, now);
  EXPECT_GT(first.objects[0].last_modified, now - std::chrono::minutes(1));

  const auto rest = s3.list("k2.png", 10);
  ASSERT_EQ(rest.objects.size(), 3U);
  EXPECT_EQ(rest.objects[0].key, "k3.png");
  EXPECT_EQ(rest.objects[2].key, "k5.png");
  EXPECT_FALSE(rest.truncated);
}

TEST_F(S3Store, SweepRemovesOnlyOldUnreferencedObjects) {
  auto s3 = store();
  for (const char* key : {"kept.png", "orphan1.png", "orphan2.png", "orphan3.png"}) s3.put(key, "x", "image/png");
  const auto young = platform::storage::sweep_store(s3, {"kept.png"},
                                                    std::chrono::system_clock::now() - std::chrono::hours(1), 100, 2);
  EXPECT_EQ(young.removed, 0U);
  EXPECT_EQ(young.kept_young, 3U);

  const auto later = std::chrono::system_clock::now() + std::chrono::seconds(2);
  const auto counts = platform::storage::sweep_store(s3, {"kept.png"}, later, 100, 2);
  EXPECT_EQ(counts.scanned, 4U);
  EXPECT_EQ(counts.removed, 3U);
  EXPECT_EQ(counts.kept_referenced, 1U);
  EXPECT_EQ(counts.abandoned_removed, 0U);
  EXPECT_EQ(keys(s3), std::vector<std::string>{"kept.png"});
}

TEST_F(S3Store, AWrongSecretFailsEveryCall) {
  auto wrong = store(true, "not-the-secret");
  try {
    wrong.put("w.png", "x", "image/png");
    FAIL() << "put with a wrong secret succeeded";
  } catch (const s3_error& e) {
    EXPECT_STREQ(e.what(), "S3 PUT w.png: HTTP 403 SignatureDoesNotMatch");
  }
  EXPECT_THROW(static_cast<void>(wrong.get("w.png")), s3_error);
  EXPECT_THROW(wrong.remove("w.png"), s3_error);
  EXPECT_THROW(static_cast<void>(wrong.list("", 10)), s3_error);
  EXPECT_TRUE(keys(store()).empty());
}

TEST(S3StoreOffline, AnUnreachableEndpointThrowsAnOutboundError) {
  s3_settings settings;
  settings.bucket = "bucket";
  settings.endpoint = "http://127.0.0.1:1";
  settings.path_style = true;
  settings.credentials = {"AKID", "secret"};
  s3_store s3(settings, url_scheme("http://localhost:8080", "images"));
  EXPECT_THROW(s3.put("a.png", "x", "image/png"), platform::http::outbound_error);
  settings.endpoint = "ftp://example.com";
  EXPECT_THROW(s3_store(settings, url_scheme("http://localhost:8080", "images")), std::invalid_argument);
}

}  // namespace
