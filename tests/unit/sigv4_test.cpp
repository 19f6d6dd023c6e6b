// The SigV4 signer against AWS's published vectors: the SigV4 test suite (service "service", 2015-08-30) and
// the S3 API reference's signed GET Object example.
#include "platform/storage/sigv4.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace {

namespace sigv4 = platform::storage::sigv4;

// The test suite's credentials and scope.
const sigv4::credentials suite_credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
const sigv4::scope suite_scope{"us-east-1", "service"};
constexpr auto suite_date = "20150830T123600Z";
const std::string empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

sigv4::request suite_get(sigv4::fields query = {}, sigv4::fields extra_headers = {}) {
  sigv4::fields headers{{"Host", "example.amazonaws.com"}, {"X-Amz-Date", suite_date}};
  headers.insert(headers.end(), extra_headers.begin(), extra_headers.end());
  return {"GET", "/", std::move(query), std::move(headers), empty_sha256};
}

std::string suite_authorization(const std::string& signed_headers, const std::string& signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" +
         signed_headers + ", Signature=" + signature;
}

TEST(SigV4, GetVanilla) {
  const auto req = suite_get();
  const std::string canonical = sigv4::canonical_request(req);
  EXPECT_EQ(canonical,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + empty_sha256);
  EXPECT_EQ(sigv4::string_to_sign(suite_date, suite_scope, canonical),
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(sigv4::authorization(req, suite_credentials, suite_scope),
            suite_authorization("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
}

TEST(SigV4, GetVanillaQueryOrderKeyCase) {
  const auto req = suite_get({{"Param2", "value2"}, {"Param1", "value1"}});
  EXPECT_EQ(sigv4::canonical_request(req),
            "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n" +
                empty_sha256);
  EXPECT_EQ(sigv4::authorization(req, suite_credentials, suite_scope),
            suite_authorization("host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));
}

TEST(SigV4, GetVanillaQueryUnreserved) {
  const std::string unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const auto req = suite_get({{unreserved, unreserved}});
  EXPECT_EQ(sigv4::authorization(req, suite_credentials, suite_scope),
            suite_authorization("host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"));
}

TEST(SigV4, GetVanillaUtf8Query) {
  const auto req = suite_get({{"\xE1\x88\xB4", "bar"}});
  EXPECT_EQ(sigv4::encode_query(req.query), "%E1%88%B4=bar");
  EXPECT_EQ(sigv4::authorization(req, suite_credentials, suite_scope),
            suite_authorization("host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"));
}

TEST(SigV4, GetHeaderValueTrim) {
  const auto req = suite_get({}, {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}});
  EXPECT_EQ(sigv4::canonical_request(req),
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
            "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" +
                empty_sha256);
  EXPECT_EQ(sigv4::authorization(req, suite_credentials, suite_scope),
            suite_authorization("host;my-header1;my-header2;x-amz-date",
                                "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"));
}

TEST(SigV4, PostVanillaQuery) {
  auto req = suite_get({{"Param1", "value1"}});
  req.method = "POST";
  EXPECT_EQ(sigv4::authorization(req, suite_credentials, suite_scope),
            suite_authorization("host;x-amz-date", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"));
}

TEST(SigV4, PostXWwwFormUrlencoded) {
  const std::string body = "Param1=value1";
  EXPECT_EQ(sigv4::sha256_hex(body), "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  // The suite's canonical request signs content-length too, its authorization does not; each is checked as given.
  sigv4::request with_length{"POST",
                             "/",
                             {},
                             {{"Content-Type", "application/x-www-form-urlencoded"},
                              {"Host", "example.amazonaws.com"},
                              {"X-Amz-Date", suite_date},
                              {"Content-Length", "13"}},
                             sigv4::sha256_hex(body)};
  EXPECT_EQ(sigv4::canonical_request(with_length),
            "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\n"
            "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "content-length;content-type;host;x-amz-date\n"
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  auto req = with_length;
  req.headers.pop_back();
  EXPECT_EQ(sigv4::authorization(req, suite_credentials, suite_scope),
            suite_authorization("content-type;host;x-amz-date",
                                "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
}

// S3 API reference, "Signature Calculations for the Authorization Header", Example: GET Object.
TEST(SigV4, S3GetObjectExample) {
  const sigv4::credentials credentials{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
  const sigv4::scope s3{"us-east-1", "s3"};
  const sigv4::request req{"GET",
                           "/test.txt",
                           {},
                           {{"Host", "examplebucket.s3.amazonaws.com"},
                            {"Range", "bytes=0-9"},
                            {"x-amz-content-sha256", empty_sha256},
                            {"x-amz-date", "20130524T000000Z"}},
                           empty_sha256};
  const std::string canonical = sigv4::canonical_request(req);
  EXPECT_EQ(sigv4::string_to_sign("20130524T000000Z", s3, canonical),
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(sigv4::authorization(req, credentials, s3),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

// S3 encodes each path segment once and keeps '/': a key with reserved characters is signed as sent.
TEST(SigV4, S3PathEncodedOnceWithSlashesKept) {
  EXPECT_EQ(sigv4::encode_path("/bucket/a b/c$d~e.png"), "/bucket/a%20b/c%24d~e.png");
  EXPECT_EQ(sigv4::uri_encode("a/b+c=d", false), "a%2Fb%2Bc%3Dd");
  EXPECT_EQ(sigv4::encode_query({{"start-after", "k/1"}, {"list-type", "2"}, {"max-keys", ""}}),
            "list-type=2&max-keys=&start-after=k%2F1");
}

TEST(SigV4, AmzDateIsUtc) {
  EXPECT_EQ(sigv4::amz_date(std::chrono::system_clock::time_point(std::chrono::seconds(1440938160))), suite_date);
}

TEST(SigV4, RefusesARequestWithoutHostOrDate) {
  auto req = suite_get();
  req.headers.erase(req.headers.begin());
  EXPECT_THROW(sigv4::authorization(req, suite_credentials, suite_scope), std::invalid_argument);
}

}  // namespace
