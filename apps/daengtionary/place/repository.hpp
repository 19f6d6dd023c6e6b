// Place and review rows (SQL only; called on the blocking pool); images and views are the shared post rows.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/place/dto.hpp"
#include "apps/daengtionary/post/tables.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::place::repository {

using platform::sql::connection;

// map, map_img, map_view, and the map_no column of wishes.
const post::post_tables& tables();

std::int64_t insert_place(connection& db, std::int64_t member_no, const place_form& form, std::int64_t now);
std::optional<place_record> find_place(connection& db, std::int64_t map_no);
void update_place(connection& db, std::int64_t map_no, const place_form& form, std::int64_t now);

std::vector<place_summary> list_places(connection& db, const place_filter& filter, sort_order sort, page paging);

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
