// Matching post, image and join rows (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/friend/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::matching::repository {

using platform::sql::connection;

// Open, nobody joined yet.
std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t room_no,
                         std::int64_t now);
std::optional<post_record> find_post(connection& db, std::int64_t friend_no);
// Writes the form and re-evaluates the status: closed when count >= the new max_count, else open.
void update_post(connection& db, std::int64_t friend_no, const post_form& form, std::int64_t now);
// Deletes the post with its joins and image rows (the caller removes the stored files; the chat room stays).
void delete_post(connection& db, std::int64_t friend_no);

void insert_images(connection& db, std::int64_t friend_no, const std::vector<std::string>& urls);
// In upload order.
std::vector<post_image> images_of(connection& db, std::int64_t friend_no);

// Newest first.
std::vector<post_summary> list_posts(connection& db, const post_filter& filter, page paging);

// False when the member had already joined.
bool insert_join(connection& db, std::int64_t friend_no, std::int64_t member_no, std::int64_t now);
void delete_join(connection& db, std::int64_t friend_no, std::int64_t member_no);
// Counts one more member and closes the post when it is full; false when it was closed or full already.
bool take_seat(connection& db, std::int64_t friend_no);

}  // namespace daengtionary::matching::repository
