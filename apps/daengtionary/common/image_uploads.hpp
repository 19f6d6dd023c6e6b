// Storing uploaded images (checked by content, not only by name) and deleting them with their rows.
#pragma once

#include <string>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/upload.hpp"

namespace platform::io {
class blocking_pool;
}
namespace platform::storage {
class object_store;
}

namespace daengtionary {

class image_uploads {
 public:
  image_uploads(platform::storage::object_store& store, platform::io::blocking_pool& pool);

  // All or nothing: wrong_image_format when any file is not a JPEG or PNG (by extension and content);
  // otherwise every file is stored (durably) and its public URL returned, in order. Commit the rows that name
  // them afterwards: an object whose row never commits is removed by the storage sweep, while a row whose
  // object was never stored could not be repaired (docs/architecture.md, Storage).
  asio::awaitable<result<std::vector<std::string>>> store(std::vector<upload> files);

  // Deletes the objects behind the URLs; foreign URLs and missing objects are skipped, failures logged,
  // because the rows are already gone and an orphaned file must not fail the request.
  asio::awaitable<void> remove(std::vector<std::string> urls);

  // Keeps the stored objects in step with a write that changes a post's image rows: stores `files`, awaits
  // write(new_urls) (a transaction answering the URLs whose rows it dropped, or an error), then removes those
  // objects, or the new ones when the write refused. When the write throws, whether it committed is unknown,
  // so the new objects are left for the storage sweep, which removes them only if no row names them. Name the
  // callable before awaiting this (GCC 12 rule in docs/architecture.md).
  template <class Write>
  asio::awaitable<result<void>> replace(std::vector<upload> files, Write write) {
    auto stored = co_await store(std::move(files));
    if (!stored) co_return stored.error();
    const std::vector<std::string> new_urls = std::move(*stored);
    result<std::vector<std::string>> dropped = co_await write(new_urls);
    if (!dropped) {
      co_await remove(new_urls);
      co_return dropped.error();
    }
    co_await remove(std::move(*dropped));
    co_return result<void>();
  }

 private:
  platform::storage::object_store& store_;
  platform::io::blocking_pool& pool_;
};

}  // namespace daengtionary
