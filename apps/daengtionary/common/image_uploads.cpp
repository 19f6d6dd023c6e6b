// Image checks and object-store calls, run on the blocking pool.
#include "apps/daengtionary/common/image_uploads.hpp"

#include <spdlog/spdlog.h>

#include "platform/io/blocking_pool.hpp"
#include "platform/storage/image.hpp"
#include "platform/storage/object_store.hpp"

namespace daengtionary {
namespace {

using platform::storage::object_store;
using accepted_files = std::vector<std::pair<platform::storage::accepted_image, std::string>>;

std::vector<std::string> put_all(object_store* store, const accepted_files& files) {
  std::vector<std::string> urls;
  for (const auto& [image, bytes] : files) {
    store->put(image.key, bytes, platform::storage::content_type(image.kind));
    urls.push_back(store->public_url(image.key));
  }
  return urls;
}

void remove_all(object_store* store, const std::vector<std::string>& urls) {
  for (const auto& url : urls) {
    const auto key = store->key_from_url(url);
    if (!key) continue;
    try {
      store->remove(*key);
    } catch (const std::exception& e) {
      spdlog::warn("could not delete stored image {}: {}", *key, e.what());
    }
  }
}

}  // namespace

image_uploads::image_uploads(platform::storage::object_store& store, platform::io::blocking_pool& pool)
    : store_(store), pool_(pool) {}

asio::awaitable<result<std::vector<std::string>>> image_uploads::store(std::vector<upload> files) {
  accepted_files accepted;
  for (auto& file : files) {
    auto image = platform::storage::accept_image(file.filename, file.bytes);
    if (!image) co_return errc::wrong_image_format;
    accepted.emplace_back(std::move(*image), std::move(file.bytes));
  }
  co_return co_await pool_.run(put_all, &store_, std::move(accepted));
}

asio::awaitable<void> image_uploads::remove(std::vector<std::string> urls) {
  if (urls.empty()) co_return;
  co_await pool_.run(remove_all, &store_, std::move(urls));
}

}  // namespace daengtionary
