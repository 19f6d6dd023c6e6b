// AWS Signature Version 4 (HMAC-SHA256) for S3 requests, sans I/O: the caller sends what it returns.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platform::storage::sigv4 {

using fields = std::vector<std::pair<std::string, std::string>>;

struct credentials {
  std::string access_key_id;
  std::string secret_access_key;
};

// Where a signature is valid: "20150830/us-east-1/s3/aws4_request".
struct scope {
  std::string region;
  std::string service;  // "s3"
};

// A request as it goes on the wire. path and query are *decoded*: the signer encodes them by S3's rules
// (each path segment once, '/' kept; query names and values fully), and the caller must put the same
// encoding on the wire (encode_path, encode_query). headers must include host and x-amz-date; every header
// given is signed.
struct request {
  std::string method;
  std::string path;
  fields query;
  fields headers;
  std::string payload_sha256;  // lowercase hex SHA-256 of the body (of "" for none)
};

// RFC 3986 unreserved characters kept, everything else %XX (upper case); '/' kept when keep_slash.
std::string uri_encode(std::string_view text, bool keep_slash);
std::string encode_path(std::string_view path);  // uri_encode(path, true)
// name=value pairs joined by '&', sorted by encoded name then value (the canonical and the wire form).
std::string encode_query(const fields& query);

std::string sha256_hex(std::string_view bytes);
// "YYYYMMDD'T'HHMMSS'Z'" in UTC.
std::string amz_date(std::chrono::system_clock::time_point when);

// The steps of the algorithm, public so that each can be checked against AWS's published vectors.
std::string canonical_request(const request& req);
std::string string_to_sign(std::string_view amz_date, const scope& where, std::string_view canonical);
std::string signature(const credentials& who, std::string_view amz_date, const scope& where,
                      std::string_view string_to_sign);

// The Authorization header value for req, whose x-amz-date header names the signing time.
// Throws std::invalid_argument when req has no host or x-amz-date header.
std::string authorization(const request& req, const credentials& who, const scope& where);

}  // namespace platform::storage::sigv4
