// The demo set's shared state: member keys, stored images and a clock for creation times.
#include "apps/daengtionary/seed/demo_set.hpp"

#include <stdexcept>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "apps/daengtionary/common/dates.hpp"
#include "platform/storage/image.hpp"
#include "platform/storage/object_store.hpp"

namespace daengtionary::seed {
namespace {

constexpr std::int64_t micros_per_hour = 3'600'000'000;
constexpr std::int64_t history_hours = 24 * 28;  // the first row is four weeks old
constexpr std::int64_t step_hours = 3;           // later rows are a few hours apart

}  // namespace

demo_set::demo_set(platform::sql::connection& db, platform::storage::object_store& store,
                   std::filesystem::path data_dir, boost::json::object document)
    : db_(db),
      store_(store),
      data_dir_(std::move(data_dir)),
      document_(std::move(document)),
      clock_(now_micros() - history_hours * micros_per_hour) {}

std::int64_t demo_set::member(const boost::json::value& key) const {
  const auto* name = key.if_string();
  if (!name) throw std::runtime_error("demo data: member keys are strings");
  const auto found = members_.find(std::string_view(*name));
  if (found == members_.end()) throw std::runtime_error(fmt::format("demo data: unknown member \"{}\"", *name));
  return found->second;
}

std::string demo_set::store_image(const boost::json::value& file) {
  const auto* name = file.if_string();
  if (!name) throw std::runtime_error("demo data: image names are strings");
  const std::string bytes = platform::json::data_file::read_file(data_dir_ / "images" / std::string(*name));
  const auto image = platform::storage::accept_image(std::string_view(*name), bytes);
  if (!image) throw std::runtime_error(fmt::format("demo data: {} is not a JPEG or PNG image", *name));
  store_.put(image->key, bytes, platform::storage::content_type(image->kind));
  return store_.public_url(image->key);
}

std::vector<std::string> demo_set::store_images(const boost::json::value& files, std::size_t max_count) {
  const auto* names = files.if_array();
  if (!names) throw std::runtime_error("demo data: \"images\" must be a list");
  if (names->size() > max_count) throw std::runtime_error(fmt::format("demo data: more than {} images", max_count));
  std::vector<std::string> urls;
  for (const auto& name : *names) urls.push_back(store_image(name));
  return urls;
}

void demo_set::like(const boost::json::object& item, wishes::target kind, std::int64_t id) {
  for (const auto& key : list(item, "likes")) wishes::insert(db_, member(key), kind, id, next_timestamp());
}

std::int64_t demo_set::next_timestamp() {
  clock_ += step_hours * micros_per_hour;
  return clock_;
}

void require_valid(const result<void>& valid, std::string_view kind, std::string_view name) {
  if (!valid) throw std::runtime_error(fmt::format("demo data: invalid {} \"{}\"", kind, name));
}

}  // namespace daengtionary::seed
