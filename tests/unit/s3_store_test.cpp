// Unit tests for the S3 store's pure parts: reading S3's XML answers and choosing the store from storage.*.
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "platform/config/reader.hpp"
#include "platform/storage/open.hpp"
#include "platform/storage/s3_xml.hpp"

namespace {

using platform::config::config_error;
using platform::config::reader;
using platform::storage::parse_error_code;
using platform::storage::parse_iso8601_utc;
using platform::storage::parse_list_objects_v2;
using platform::storage::read_store_settings;

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

}  // namespace
