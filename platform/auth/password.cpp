// bcrypt through libxcrypt's reentrant crypt_rn/crypt_gensalt_rn (never the static-buffer crypt()).
#include "platform/auth/password.hpp"

#include <memory>
#include <optional>
#include <stdexcept>

#include <crypt.h>
#include <openssl/crypto.h>

namespace platform::auth {
namespace {

constexpr std::size_t bcrypt_hash_size = 60;
constexpr unsigned min_cost = 4;
constexpr unsigned max_cost = 31;

bool has_bcrypt_shape(std::string_view hash) {
  return hash.size() == bcrypt_hash_size &&
         (hash.starts_with("$2a$") || hash.starts_with("$2b$") || hash.starts_with("$2y$"));
}

// nullopt on failure (unlike crypt(), crypt_rn never returns a "*0" failure token). crypt_data is
// 32 KiB, so it goes on the heap rather than the caller's stack, zero-initialised as libxcrypt
// asks before first use.
std::optional<std::string> bcrypt(std::string_view password, const std::string& setting) {
  const auto data = std::make_unique<crypt_data>();
  const std::string phrase(password);
  const char* out = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), static_cast<int>(sizeof(crypt_data)));
  if (out == nullptr) {
    return std::nullopt;
  }
  return std::string(out);
}

}  // namespace

std::string hash_password(std::string_view password, unsigned cost) {
  if (password.size() > max_password_bytes) {
    throw std::invalid_argument("password longer than 72 bytes");
  }
  if (password.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("password contains a NUL byte");
  }
  if (cost < min_cost || cost > max_cost) {
    throw std::invalid_argument("bcrypt cost outside 4..31");
  }
  // rbytes = nullptr: libxcrypt draws the salt from the OS CSPRNG itself.
  static_assert(CRYPT_GENSALT_IMPLEMENTS_AUTO_ENTROPY);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$2b$", cost, nullptr, 0, setting, sizeof setting) == nullptr) {
    throw std::runtime_error("crypt_gensalt_rn failed");
  }
  auto hash = bcrypt(password, setting);
  if (!hash) {
    throw std::runtime_error("crypt_rn failed");
  }
  return std::move(*hash);
}

bool verify_password(std::string_view password, std::string_view stored_hash) {
  if (!has_bcrypt_shape(stored_hash) || password.find('\0') != std::string_view::npos) {
    return false;
  }
  const auto computed = bcrypt(password, std::string(stored_hash));
  return computed && computed->size() == stored_hash.size() &&
         CRYPTO_memcmp(computed->data(), stored_hash.data(), stored_hash.size()) == 0;
}

}  // namespace platform::auth
