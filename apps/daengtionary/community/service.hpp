// Community rules: validation and comments; the post shape (images, views, authorship, likes) is
// post::service's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/common/upload.hpp"
#include "apps/daengtionary/community/dto.hpp"
#include "apps/daengtionary/community/repository.hpp"
#include "apps/daengtionary/post/children.hpp"
#include "apps/daengtionary/post/service.hpp"

namespace daengtionary::community {

// The frontend lets a user pick 3; the server takes as many as a place may have.
inline constexpr std::size_t max_images = 10;

// not_valid_content unless the form is a post the frontend could have sent: a title, a known category
// (or none), content within limits.
result<void> validate(const post_form& form);
// not_valid_content unless the comment is storable text, not blank and not too long.
result<void> validate_comment(std::string_view content);

// Comments as post::children writes them: the raw text; the post derives nothing from them.
struct comment_rows {
  using record = comment_record;
  using form = std::string;
  static constexpr auto tables = repository::tables;
  static constexpr auto find = repository::find_comment;
  static constexpr auto insert = repository::insert_comment;
  static constexpr auto update = repository::update_comment;
  static constexpr auto remove = repository::delete_comment;
  static constexpr auto validate = validate_comment;
  static std::int64_t post_of(const comment_record& comment) { return comment.community_no; }
  static void changed(platform::sql::connection&, std::int64_t) {}
};

class service : public post::service {
 public:
  service(platform::sql::database& db, image_uploads& images);

  asio::awaitable<result<std::int64_t>> create(std::int64_t member_no, post_form form, std::vector<upload> files);
  asio::awaitable<std::vector<post_summary>> list(post_filter filter, sort_order sort, page paging);
  // The member's own posts, newest first (my page).
  asio::awaitable<std::vector<post_summary>> posts_of(std::int64_t member_no);
  // Counts the view once per viewer and Asia/Seoul day, then reads the post with one page of comments.
  // viewer: "m:<member_no>" or "ip:<address>" (viewer_key).
  asio::awaitable<result<post_detail>> view(std::int64_t community_no, std::string viewer, page comments);
  // Keeps the images unless files are sent; then they replace the old ones.
  asio::awaitable<result<void>> update(std::int64_t member_no, std::int64_t community_no, post_form form,
                                       std::vector<upload> files);

  post::children<comment_rows>& children() { return comments_; }

 private:
  post::children<comment_rows> comments_;
};

}  // namespace daengtionary::community
