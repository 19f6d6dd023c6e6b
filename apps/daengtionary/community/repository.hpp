// Community post, image, comment and view rows (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/community/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::community::repository {

using platform::sql::connection;

std::int64_t insert_post(connection& db, std::int64_t member_no, const post_form& form, std::int64_t now);
std::optional<post_record> find_post(connection& db, std::int64_t community_no);
// The author's member_no; nullopt when the post does not exist.
std::optional<std::int64_t> author_of(connection& db, std::int64_t community_no);
void update_post(connection& db, std::int64_t community_no, const post_form& form, std::int64_t now);
// Deletes the post with its views, wishes, comments and image rows (the caller removes the stored files).
void delete_post(connection& db, std::int64_t community_no);

void insert_images(connection& db, std::int64_t community_no, const std::vector<std::string>& urls);
// In upload order.
std::vector<std::string> image_urls(connection& db, std::int64_t community_no);
void delete_images(connection& db, std::int64_t community_no);

std::vector<post_summary> list_posts(connection& db, const post_filter& filter, sort_order sort, page paging);
// The member's posts, newest first.
std::vector<post_summary> posts_of(connection& db, std::int64_t member_no);

// Whether (community_no, viewer, day) is there: the view was counted already.
bool viewed(connection& db, std::int64_t community_no, const std::string& viewer, std::int64_t day);
// True when (community_no, viewer, day) was new, i.e. the view should be counted.
bool record_view(connection& db, std::int64_t community_no, const std::string& viewer, std::int64_t day);
void add_view(connection& db, std::int64_t community_no);

// Oldest first.
std::vector<comment_record> comments_of(connection& db, std::int64_t community_no, page paging);
std::optional<comment_record> find_comment(connection& db, std::int64_t review_no);
std::int64_t insert_comment(connection& db, std::int64_t community_no, std::int64_t member_no,
                            const std::string& content, std::int64_t now);
void update_comment(connection& db, std::int64_t review_no, const std::string& content, std::int64_t now);
void delete_comment(connection& db, std::int64_t review_no);

}  // namespace daengtionary::community::repository
