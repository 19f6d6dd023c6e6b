// libcurl easy-handle implementation of the blocking outbound HTTP client.
#include "platform/http/client.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <curl/curl.h>

namespace platform::http {
namespace {

struct easy_deleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct slist_deleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct curl_string_deleter {
  void operator()(char* text) const { curl_free(text); }
};
using easy_ptr = std::unique_ptr<CURL, easy_deleter>;
using slist_ptr = std::unique_ptr<curl_slist, slist_deleter>;

// curl_global_init is not thread-safe and must run before any other call; once per process.
void global_init() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK) {
    throw outbound_error(std::string("curl_global_init failed: ") + curl_easy_strerror(result));
  }
}

struct sink {
  std::size_t max_size;
  std::string body;
  bool oversized = false;
};

// Returning less than asked aborts the transfer with CURLE_WRITE_ERROR. This also covers chunked
// bodies, which CURLOPT_MAXFILESIZE cannot see coming.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& out = *static_cast<sink*>(user);
  const std::size_t n = size * count;
  if (n > out.max_size - out.body.size()) {
    out.oversized = true;
    return 0;
  }
  out.body.append(data, n);
  return n;
}

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool names_header(const outbound_headers& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return iequals(h.first, name); });
}

void check(CURLcode code) {
  // Only option-setting failures land here (out of memory, an option this libcurl lacks).
  if (code != CURLE_OK) {
    throw outbound_error(std::string("curl setup failed: ") + curl_easy_strerror(code));
  }
}

std::string escape(CURL* handle, const std::string& text) {
  if (text.empty()) {
    return {};
  }
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw outbound_error("form field too long");
  }
  std::unique_ptr<char, curl_string_deleter> escaped(
      curl_easy_escape(handle, text.data(), static_cast<int>(text.size())));
  if (!escaped) {
    throw outbound_error("curl_easy_escape failed");
  }
  return escaped.get();
}

enum class method { get, post, put, del };

outbound_response perform(easy_ptr&& owned_handle, const std::string& url, method how, const std::string* body,
                          const outbound_headers& headers, std::string_view default_content_type,
                          std::chrono::milliseconds timeout, std::size_t max_response_size) {
  // Declared before the handle so that they outlive it: curl_easy_cleanup may still touch them.
  sink out{max_response_size, {}, false};
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  slist_ptr header_list;
  const easy_ptr local_handle = std::move(owned_handle);
  CURL* const handle = local_handle.get();
  auto append = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(header_list.get(), line.c_str());
    if (next == nullptr) {
      throw outbound_error("curl_slist_append failed");
    }
    static_cast<void>(header_list.release());
    header_list.reset(next);
  };
  for (const auto& [name, value] : headers) {
    if (has_line_break(name) || has_line_break(value) || name.empty()) {
      throw std::invalid_argument("outbound header name or value is empty or contains a line break");
    }
    append(std::string(name).append(": ").append(value));
  }
  if (!default_content_type.empty() && !names_header(headers, "Content-Type")) {
    append("Content-Type: " + std::string(default_content_type));
  }
  // A PUT is sent as a renamed POST: without this libcurl would add a form Content-Type to it.
  if (how == method::put && !names_header(headers, "Content-Type")) {
    append("Content-Type:");
  }
  // libcurl would otherwise wait up to a second for 100-continue on large bodies.
  if (how == method::post || how == method::put) {
    append("Expect:");
  }

  const long timeout_ms = static_cast<long>(timeout.count());
  check(curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data()));
  check(curl_easy_setopt(handle, CURLOPT_URL, url.c_str()));
  check(curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https"));
  // Timeouts must not be implemented with signals in a multi-threaded process.
  check(curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L));
  check(curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms));
  check(curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms));
  check(curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L));
  check(curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L));
  check(curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L));
  check(curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_response_size)));
  check(curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body));
  check(curl_easy_setopt(handle, CURLOPT_WRITEDATA, &out));
  check(curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get()));
  if (how == method::post || how == method::put) {
    check(curl_easy_setopt(handle, CURLOPT_POST, 1L));
    check(curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size())));
    check(curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body->data()));
  } else {
    check(curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L));
  }
  // A POST or GET transfer with the method renamed: libcurl keeps sending the body (or none) as set above.
  if (how == method::put) check(curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "PUT"));
  if (how == method::del) check(curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "DELETE"));

  const CURLcode result = curl_easy_perform(handle);
  if (out.oversized || result == CURLE_FILESIZE_EXCEEDED) {
    throw outbound_error("outbound response larger than " + std::to_string(max_response_size) + " bytes");
  }
  if (result != CURLE_OK) {
    // The error buffer names hosts and causes, never headers or bodies, so it is safe to log.
    std::string message = std::string("outbound request failed: ") + curl_easy_strerror(result);
    if (error_buffer[0] != '\0') {
      message.append(" (").append(error_buffer.data()).append(")");
    }
    throw outbound_error(message);
  }
  long status = 0;
  check(curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status));
  return {status, std::move(out.body)};
}

easy_ptr new_handle() {
  easy_ptr handle(curl_easy_init());
  if (!handle) {
    throw outbound_error("curl_easy_init failed");
  }
  return handle;
}

}  // namespace

http_client::http_client(std::chrono::milliseconds timeout, std::size_t max_response_size)
    : timeout_(timeout), max_response_size_(max_response_size) {
  if (timeout <= std::chrono::milliseconds::zero()) {
    throw std::invalid_argument("http_client timeout must be positive");
  }
  global_init();
}

outbound_response http_client::post_form(const std::string& url, const outbound_fields& fields,
                                         const outbound_headers& headers) const {
  auto handle = new_handle();
  std::string body;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) {
      body += '&';
    }
    body += escape(handle.get(), fields[i].first);
    body += '=';
    body += escape(handle.get(), fields[i].second);
  }
  return perform(std::move(handle), url, method::post, &body, headers,
                 "application/x-www-form-urlencoded;charset=utf-8", timeout_, max_response_size_);
}

outbound_response http_client::get(const std::string& url, const outbound_headers& headers) const {
  return perform(new_handle(), url, method::get, nullptr, headers, {}, timeout_, max_response_size_);
}

outbound_response http_client::post_json(const std::string& url, const std::string& body,
                                         const outbound_headers& headers) const {
  return perform(new_handle(), url, method::post, &body, headers, "application/json", timeout_, max_response_size_);
}

outbound_response http_client::put(const std::string& url, const std::string& body,
                                   const outbound_headers& headers) const {
  return perform(new_handle(), url, method::put, &body, headers, {}, timeout_, max_response_size_);
}

outbound_response http_client::remove(const std::string& url, const outbound_headers& headers) const {
  return perform(new_handle(), url, method::del, nullptr, headers, {}, timeout_, max_response_size_);
}

}  // namespace platform::http
