// Place, image, review and view rows (SQL only; called on the blocking pool).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/place/dto.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::place::repository {

using platform::sql::connection;

std::int64_t insert_place(connection& db, std::int64_t member_no, const place_form& form, std::int64_t now);
std::optional<place_record> find_place(connection& db, std::int64_t map_no);
void update_place(connection& db, std::int64_t map_no, const place_form& form, std::int64_t now);
// Deletes the place with its views, wishes, reviews and image rows (the caller removes the stored files).
void delete_place(connection& db, std::int64_t map_no);

void insert_images(connection& db, std::int64_t map_no, const std::vector<std::string>& urls);
// In upload order.
std::vector<std::string> image_urls(connection& db, std::int64_t map_no);
void delete_images(connection& db, std::int64_t map_no);

std::vector<place_summary> list_places(connection& db, const place_filter& filter, sort_order sort, page paging);

// Whether (map_no, viewer, day) is there: the view was counted already.
bool viewed(connection& db, std::int64_t map_no, const std::string& viewer, std::int64_t day);
// True when (map_no, viewer, day) was new, i.e. the view should be counted.
bool record_view(connection& db, std::int64_t map_no, const std::string& viewer, std::int64_t day);
void add_view(connection& db, std::int64_t map_no);

// Newest first.
std::vector<review_record> reviews_of(connection& db, std::int64_t map_no, page paging);
std::optional<review_record> find_review(connection& db, std::int64_t review_no);
std::int64_t insert_review(connection& db, std::int64_t map_no, std::int64_t member_no, const review_form& form,
                           std::int64_t now);
void update_review(connection& db, std::int64_t review_no, const review_form& form, std::int64_t now);
void delete_review(connection& db, std::int64_t review_no);
// nullopt when the place has no review.
std::optional<double> average_star(connection& db, std::int64_t map_no);
void set_star(connection& db, std::int64_t map_no, double star);

}  // namespace daengtionary::place::repository
