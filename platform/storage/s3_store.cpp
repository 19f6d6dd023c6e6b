// S3 object store: addressing, SigV4 headers, and what each S3 answer means for the object_store contract.
#include "platform/storage/s3_store.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "platform/obs/platform_metrics.hpp"
#include "platform/storage/s3_xml.hpp"

namespace platform::storage {
namespace {

// S3 answers at most 1000 keys per ListObjectsV2 request.
constexpr std::size_t max_keys_per_request = 1000;

constexpr std::string_view empty_payload_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct endpoint_parts {
  std::string scheme;
  std::string authority;  // host[:port]
};

endpoint_parts split_endpoint(std::string_view endpoint) {
  while (endpoint.ends_with('/')) endpoint.remove_suffix(1);
  for (const std::string_view scheme : {"http", "https"}) {
    const std::string prefix = std::string(scheme) + "://";
    if (!endpoint.starts_with(prefix)) continue;
    const std::string_view authority = endpoint.substr(prefix.size());
    if (authority.empty() || authority.find_first_of("/?#@") != std::string_view::npos) break;
    return {std::string(scheme), std::string(authority)};
  }
  throw std::invalid_argument("S3 endpoint must be http(s)://host[:port]");
}

[[noreturn]] void fail(std::string_view operation, std::string_view key, const http::outbound_response& answer) {
  obs::metrics().storage_errors.inc();
  const auto code = parse_error_code(answer.body);
  throw s3_error(fmt::format("S3 {} {}: HTTP {}{}{}", operation, key.empty() ? "(bucket)" : key, answer.status,
                             code ? " " : "", code.value_or("")));
}

}  // namespace

s3_store::s3_store(s3_settings settings, url_scheme urls)
    : settings_(std::move(settings)), urls_(std::move(urls)), client_(settings_.timeout, settings_.max_object_size) {
  if (settings_.bucket.empty()) throw std::invalid_argument("S3 bucket name is empty");
  auto [scheme, authority] = split_endpoint(settings_.endpoint);
  scheme_ = std::move(scheme);
  if (settings_.path_style) {
    host_ = std::move(authority);
    bucket_path_ = "/" + settings_.bucket + "/";
  } else {
    host_ = settings_.bucket + "." + authority;
    bucket_path_ = "/";
  }
}

http::outbound_response s3_store::send(const std::string& method, std::string_view key, const sigv4::fields& query,
                                       const std::string& body, std::string_view content_type) const {
  sigv4::request req;
  req.method = method;
  // The bucket itself (a listing) is "/<bucket>" path-style, "/" virtual-hosted.
  req.path = key.empty() && settings_.path_style ? "/" + settings_.bucket : bucket_path_ + std::string(key);
  req.query = query;
  req.payload_sha256 = body.empty() ? std::string(empty_payload_sha256) : sigv4::sha256_hex(body);
  req.headers = {{"Host", host_},
                 {"x-amz-content-sha256", req.payload_sha256},
                 {"x-amz-date", sigv4::amz_date(std::chrono::system_clock::now())}};
  if (!content_type.empty()) req.headers.emplace_back("Content-Type", content_type);

  http::outbound_headers headers = req.headers;
  headers.emplace_back("Authorization",
                       sigv4::authorization(req, settings_.credentials, sigv4::scope{settings_.region, "s3"}));
  std::string url = scheme_ + "://" + host_ + sigv4::encode_path(req.path);
  if (!query.empty()) url += "?" + sigv4::encode_query(query);

  try {
    if (method == "PUT") return client_.put(url, body, headers);
    if (method == "DELETE") return client_.remove(url, headers);
    return client_.get(url, headers);
  } catch (...) {
    obs::metrics().storage_errors.inc();  // the endpoint did not answer
    throw;
  }
}

void s3_store::put(std::string_view key, std::string_view bytes, std::string_view content_type) {
  if (!is_valid_key(key)) throw std::invalid_argument("invalid object key");
  const auto answer = send("PUT", key, {}, std::string(bytes), content_type);
  if (answer.status != 200) fail("PUT", key, answer);
}

std::optional<std::string> s3_store::get(std::string_view key) const {
  if (!is_valid_key(key)) return std::nullopt;
  auto answer = send("GET", key, {}, {}, {});
  if (answer.status == 404) return std::nullopt;
  if (answer.status != 200) fail("GET", key, answer);
  return std::move(answer.body);
}

void s3_store::remove(std::string_view key) {
  if (!is_valid_key(key)) return;
  const auto answer = send("DELETE", key, {}, {}, {});
  if (answer.status != 204 && answer.status != 200 && answer.status != 404) fail("DELETE", key, answer);
}

object_page s3_store::list(std::string_view start_after, std::size_t max_keys) const {
  object_page page;
  std::string continuation;
  while (page.objects.size() < max_keys) {
    const std::size_t wanted = std::min(max_keys - page.objects.size(), max_keys_per_request);
    sigv4::fields query{{"list-type", "2"}, {"max-keys", std::to_string(wanted)}};
    if (!continuation.empty()) {
      query.emplace_back("continuation-token", continuation);
    } else if (!start_after.empty()) {
      query.emplace_back("start-after", std::string(start_after));
    }
    const auto answer = send("GET", {}, query, {}, {});
    if (answer.status != 200) fail("ListObjectsV2", {}, answer);
    auto listed = parse_list_objects_v2(answer.body);
    for (auto& object : listed.objects) {
      if (is_valid_key(object.key)) page.objects.push_back(std::move(object));
    }
    page.truncated = listed.truncated;
    if (!listed.truncated || listed.next_continuation_token.empty()) break;
    continuation = std::move(listed.next_continuation_token);
  }
  return page;
}

std::size_t s3_store::remove_abandoned_writes(std::chrono::system_clock::time_point, std::size_t) { return 0; }

std::string s3_store::public_url(std::string_view key) const { return urls_.url(key); }

std::optional<std::string> s3_store::key_from_url(std::string_view url) const { return urls_.key(url); }

}  // namespace platform::storage
