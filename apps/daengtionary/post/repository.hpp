// The rows every kind of post has: its author, its images in upload order, its per-day views (SQL only;
// called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/post/dto.hpp"
#include "apps/daengtionary/post/tables.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::post::repository {

using platform::sql::connection;

// The author's member_no; nullopt when the post does not exist.
std::optional<std::int64_t> author_of(connection& db, const post_tables& t, std::int64_t id);
// The post's row; its images, views, wishes, comments and joins go by the schema's ON DELETE CASCADE (the
// caller removes the stored files).
void delete_post(connection& db, const post_tables& t, std::int64_t id);

void insert_images(connection& db, const post_tables& t, std::int64_t id, const std::vector<std::string>& urls);
// In upload order.
std::vector<image> images_of(connection& db, const post_tables& t, std::int64_t id);
std::vector<std::string> image_urls(connection& db, const post_tables& t, std::int64_t id);
void delete_images(connection& db, const post_tables& t, std::int64_t id);

// Whether (id, viewer, day) is there: the view was counted already.
bool viewed(connection& db, const post_tables& t, std::int64_t id, const std::string& viewer, std::int64_t day);
// True when (id, viewer, day) was new, i.e. the view should be counted.
bool record_view(connection& db, const post_tables& t, std::int64_t id, const std::string& viewer, std::int64_t day);
void add_view(connection& db, const post_tables& t, std::int64_t id);

}  // namespace daengtionary::post::repository
