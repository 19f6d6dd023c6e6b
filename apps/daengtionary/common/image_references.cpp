// The one query over every column that holds an image URL.
#include "apps/daengtionary/common/image_references.hpp"

#include "platform/sql/connection.hpp"

namespace daengtionary {
namespace {

// A new column holding image URLs must be added here, or the sweep removes its objects.
constexpr const char* image_urls_sql =
    "SELECT map_img_url FROM map_img "
    "UNION ALL SELECT community_img_url FROM community_img "
    "UNION ALL SELECT trade_img FROM trade_img "
    "UNION ALL SELECT friend_img FROM friend_img "
    "UNION ALL SELECT image FROM dog WHERE image IS NOT NULL";

}  // namespace

std::vector<std::string> referenced_image_urls(platform::sql::connection& conn) {
  std::vector<std::string> urls;
  for (const auto& row : conn.query(image_urls_sql)) urls.push_back(row.as_text(0));
  return urls;
}

std::string_view image_key_of(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  return url.substr(url.rfind('/') + 1);  // npos + 1 == 0: a URL without '/' is all key
}

std::unordered_set<std::string> referenced_image_keys(platform::sql::connection& conn) {
  std::unordered_set<std::string> keys;
  for (const auto& url : referenced_image_urls(conn)) keys.emplace(image_key_of(url));
  return keys;
}

}  // namespace daengtionary
