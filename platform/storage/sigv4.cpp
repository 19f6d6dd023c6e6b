// The four steps of SigV4 (canonical request, string to sign, signing key, signature) on OpenSSL.
#include "platform/storage/sigv4.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace platform::storage::sigv4 {
namespace {

using digest = std::array<unsigned char, 32>;

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";

std::string hex(const unsigned char* bytes, std::size_t size) {
  constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 0x0fU]);
  }
  return out;
}

digest hmac(std::string_view key, std::string_view data) {
  digest out{};
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), out.data(), &size) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return out;
}

std::string_view as_text(const digest& d) { return {reinterpret_cast<const char*>(d.data()), d.size()}; }

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Leading and trailing spaces dropped, inner runs of spaces collapsed to one (AWS's "Trimall").
std::string trim_all(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Lowercased names in order with their values; a repeated header's values joined by ','.
fields canonical_headers(const fields& headers) {
  fields out;
  for (const auto& [name, value] : headers) out.emplace_back(lower(name), trim_all(value));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  fields merged;
  for (auto& [name, value] : out) {
    if (!merged.empty() && merged.back().first == name) {
      merged.back().second += ',' + value;
    } else {
      merged.emplace_back(std::move(name), std::move(value));
    }
  }
  return merged;
}

std::string signed_header_names(const fields& canonical) {
  std::string out;
  for (const auto& [name, value] : canonical) {
    if (!out.empty()) out += ';';
    out += name;
  }
  return out;
}

const std::string* find_header(const fields& canonical, std::string_view name) {
  for (const auto& [key, value] : canonical) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::string credential_scope(std::string_view amz_date, const scope& where) {
  return fmt::format("{}/{}/{}/aws4_request", amz_date.substr(0, 8), where.region, where.service);
}

}  // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out.push_back(c);
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::string encode_path(std::string_view path) { return uri_encode(path, true); }

std::string encode_query(const fields& query) {
  fields encoded;
  for (const auto& [name, value] : query) encoded.emplace_back(uri_encode(name, false), uri_encode(value, false));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out.append(name).append(1, '=').append(value);
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  digest out{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex(out.data(), out.size());
}

std::string amz_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::array<char, 17> text{};
  std::strftime(text.data(), text.size(), "%Y%m%dT%H%M%SZ", &utc);
  return text.data();
}

std::string canonical_request(const request& req) {
  const fields headers = canonical_headers(req.headers);
  std::string out =
      req.method + '\n' + encode_path(req.path.empty() ? "/" : req.path) + '\n' + encode_query(req.query) + '\n';
  for (const auto& [name, value] : headers) out.append(name).append(1, ':').append(value).append(1, '\n');
  return out + '\n' + signed_header_names(headers) + '\n' + req.payload_sha256;
}

std::string string_to_sign(std::string_view amz_date, const scope& where, std::string_view canonical) {
  return fmt::format("{}\n{}\n{}\n{}", algorithm, amz_date, credential_scope(amz_date, where), sha256_hex(canonical));
}

std::string signature(const credentials& who, std::string_view amz_date, const scope& where,
                      std::string_view string_to_sign) {
  const digest date_key = hmac("AWS4" + who.secret_access_key, amz_date.substr(0, 8));
  const digest region_key = hmac(as_text(date_key), where.region);
  const digest service_key = hmac(as_text(region_key), where.service);
  const digest signing_key = hmac(as_text(service_key), "aws4_request");
  const digest signed_bytes = hmac(as_text(signing_key), string_to_sign);
  return hex(signed_bytes.data(), signed_bytes.size());
}

std::string authorization(const request& req, const credentials& who, const scope& where) {
  const fields headers = canonical_headers(req.headers);
  const std::string* date = find_header(headers, "x-amz-date");
  if (date == nullptr || find_header(headers, "host") == nullptr) {
    throw std::invalid_argument("a SigV4 request needs host and x-amz-date headers");
  }
  const std::string to_sign = string_to_sign(*date, where, canonical_request(req));
  return fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}", algorithm, who.access_key_id,
                     credential_scope(*date, where), signed_header_names(headers),
                     signature(who, *date, where, to_sign));
}

}  // namespace platform::storage::sigv4
