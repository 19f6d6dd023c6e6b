// What the seed's loaders share: the parsed demo file and the rows made so far.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/wishes.hpp"
#include "platform/json/data_file.hpp"
#include "platform/sql/connection.hpp"

namespace platform::storage {
class object_store;
}

namespace daengtionary::seed {

class demo_set {
 public:
  demo_set(platform::sql::connection& db, platform::storage::object_store& store, std::filesystem::path data_dir,
           boost::json::object document);

  platform::sql::connection& db() { return db_; }
  const boost::json::object& document() const { return document_; }

  // The member_no of a member by its key in the file; throws std::runtime_error naming an unknown key.
  std::int64_t member(const boost::json::value& key) const;
  void add_member(std::string key, std::int64_t member_no) { members_.emplace(std::move(key), member_no); }

  // Stores <data_dir>/images/<file> under a fresh key and returns its public URL.
  std::string store_image(const boost::json::value& file);
  // Throws when there are more than max_count files: the feature's route would refuse them.
  std::vector<std::string> store_images(const boost::json::value& files, std::size_t max_count);

  // A wish on the target from each member listed under the item's "likes".
  void like(const boost::json::object& item, wishes::target kind, std::int64_t id);

  // Creation times spread over the last weeks, oldest first, so `sort=new` has something to sort.
  std::int64_t next_timestamp();

 private:
  platform::sql::connection& db_;
  platform::storage::object_store& store_;
  std::filesystem::path data_dir_;
  boost::json::object document_;
  std::map<std::string, std::int64_t, std::less<>> members_;
  std::int64_t clock_;
};

// Throws std::runtime_error naming the item unless the feature's validate() accepted it, so the demo set never
// holds what the API would refuse.
void require_valid(const result<void>& valid, std::string_view kind, std::string_view name);

// Field access that throws std::runtime_error naming the field when it is missing or of another type.
using platform::json::data_file::integer;
using platform::json::data_file::list;
using platform::json::data_file::number;
using platform::json::data_file::text;

}  // namespace daengtionary::seed
