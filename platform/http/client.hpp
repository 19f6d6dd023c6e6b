// Blocking outbound HTTP(S) client (Kakao, FCM, ...) on libcurl; callers run it on the blocking pool.
#pragma once

#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace platform::http {

// A larger answer is a broken or hostile peer, not data we want: the request fails instead.
inline constexpr std::size_t max_outbound_response_size = std::size_t{1024} * 1024;

using outbound_fields = std::vector<std::pair<std::string, std::string>>;
using outbound_headers = std::vector<std::pair<std::string, std::string>>;

// Any status the peer sent, 4xx and 5xx included: deciding what a status means is the caller's job.
struct outbound_response {
  long status;
  std::string body;
};

// The request did not produce a response: DNS, connect, TLS, timeout, oversized body, ...
// The message names the cause but never a header value or a request body.
struct outbound_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One libcurl easy handle per call, so an instance holds no connection and is safe to share by all
// threads. Redirects are never followed (an OAuth endpoint has no reason to redirect, and following
// one could forward a bearer token elsewhere), TLS peers and host names are always verified, only
// http and https are spoken, and no compressed encodings are asked for (no decompression bombs).
// Header names or values containing CR or LF throw std::invalid_argument (header injection).
class http_client {
 public:
  // timeout bounds both connecting and the whole exchange; a response body past max_response_size fails the
  // request. The first instance runs curl_global_init, which is not thread-safe: build it in the composition
  // root before other threads start.
  explicit http_client(std::chrono::milliseconds timeout, std::size_t max_response_size = max_outbound_response_size);

  // Body: fields url-encoded in order (name=value&...). Sends
  // `Content-Type: application/x-www-form-urlencoded;charset=utf-8` unless headers name one.
  outbound_response post_form(const std::string& url, const outbound_fields& fields,
                              const outbound_headers& headers) const;

  outbound_response get(const std::string& url, const outbound_headers& headers) const;

  // Sends `Content-Type: application/json` unless headers name one.
  outbound_response post_json(const std::string& url, const std::string& body, const outbound_headers& headers) const;

  // No default Content-Type: the headers name one (object storage).
  outbound_response put(const std::string& url, const std::string& body, const outbound_headers& headers) const;
  outbound_response remove(const std::string& url, const outbound_headers& headers) const;  // DELETE

  std::chrono::milliseconds timeout() const { return timeout_; }

 private:
  std::chrono::milliseconds timeout_;
  std::size_t max_response_size_;
};

}  // namespace platform::http
