// Matching post and join rows (SQL only; called on the blocking pool); images are the shared post rows.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/friend/dto.hpp"
#include "apps/daengtionary/post/tables.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::matching::repository {

using platform::sql::connection;

// friend and friend_img; matching posts count no views and take no likes.
const post::post_tables& tables();

// Open, nobody joined yet.
std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t room_no,
                         std::int64_t now);
std::optional<post_record> find_post(connection& db, std::int64_t friend_no);
// The post with its author and images; the author's dogs are the caller's to add.
std::optional<post_detail> find_detail(connection& db, std::int64_t friend_no);
// Writes the form and re-evaluates the status: closed when count >= the new max_count, else open.
void update_post(connection& db, std::int64_t friend_no, const post_form& form, std::int64_t now);

// Newest first.
std::vector<post_summary> list_posts(connection& db, const post_filter& filter, page paging);

// False when the member had already joined.
bool insert_join(connection& db, std::int64_t friend_no, std::int64_t member_no, std::int64_t now);
void delete_join(connection& db, std::int64_t friend_no, std::int64_t member_no);
// Counts one more member and closes the post when it is full; false when it was closed or full already.
bool take_seat(connection& db, std::int64_t friend_no);

}  // namespace daengtionary::matching::repository
