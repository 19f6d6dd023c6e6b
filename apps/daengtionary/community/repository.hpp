// Community post and comment rows (SQL only; called on the blocking pool); images and views are the shared
// post rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/community/dto.hpp"
#include "apps/daengtionary/post/tables.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::community::repository {

using platform::sql::connection;

// community, community_img, community_view, and the community_no column of wishes.
const post::post_tables& tables();

std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t now);
std::optional<post_record> find_post(connection& db, std::int64_t community_no);
void update_post(connection& db, std::int64_t community_no, const post_form& form, std::int64_t now);

std::vector<post_summary> list_posts(connection& db, const post_filter& filter, sort_order sort, page paging);
// The member's posts, newest first.
std::vector<post_summary> posts_of(connection& db, std::int64_t member_no);

// Oldest first.
std::vector<comment_record> comments_of(connection& db, std::int64_t community_no, page paging);
std::optional<comment_record> find_comment(connection& db, std::int64_t review_no);
std::int64_t insert_comment(connection& db, std::int64_t community_no, std::int64_t member_no,
                            const std::string& content, std::int64_t now);
void update_comment(connection& db, std::int64_t review_no, const std::string& content, std::int64_t now);
void delete_comment(connection& db, std::int64_t review_no);

}  // namespace daengtionary::community::repository
