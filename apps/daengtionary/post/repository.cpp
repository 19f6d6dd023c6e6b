// The shared post rows over platform::sql.
#include "apps/daengtionary/post/repository.hpp"

namespace daengtionary::post::repository {

std::optional<std::int64_t> author_of(connection& db, const post_tables& t, std::int64_t id) {
  auto rows = db.query(t.author_of, {id});
  if (rows.empty()) return std::nullopt;
  return rows[0].as_int("member_no");
}

void delete_post(connection& db, const post_tables& t, std::int64_t id) { db.execute(t.delete_post, {id}); }

void insert_images(connection& db, const post_tables& t, std::int64_t id, const std::vector<std::string>& urls) {
  for (const auto& url : urls) db.execute(t.insert_image, {id, url});
}

std::vector<image> images_of(connection& db, const post_tables& t, std::int64_t id) {
  std::vector<image> images;
  for (const auto& row : db.query(t.images_of, {id})) images.push_back({row.as_int("image_no"), row.as_text("url")});
  return images;
}

std::vector<std::string> image_urls(connection& db, const post_tables& t, std::int64_t id) {
  std::vector<std::string> urls;
  for (auto& image : images_of(db, t, id)) urls.push_back(std::move(image.url));
  return urls;
}

void delete_images(connection& db, const post_tables& t, std::int64_t id) { db.execute(t.delete_images, {id}); }

bool viewed(connection& db, const post_tables& t, std::int64_t id, const std::string& viewer, std::int64_t day) {
  return !db.query(t.viewed, {id, viewer, day}).empty();
}

bool record_view(connection& db, const post_tables& t, std::int64_t id, const std::string& viewer, std::int64_t day) {
  return db.execute(t.record_view, {id, viewer, day}) > 0;
}

void add_view(connection& db, const post_tables& t, std::int64_t id) { db.execute(t.add_view, {id}); }

}  // namespace daengtionary::post::repository
