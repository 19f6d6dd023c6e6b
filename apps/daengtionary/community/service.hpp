// Community rules: validation and comments; the post shape (images, views, authorship, likes) is
// post::posts'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/community/dto.hpp"
#include "apps/daengtionary/community/repository.hpp"
#include "apps/daengtionary/post/service.hpp"

namespace daengtionary::community {

// The frontend lets a user pick 3; the server takes as many as a place may have.
inline constexpr std::size_t max_images = 10;

// not_valid_content unless the form is a post the frontend could have sent: a title, a known category
// (or none), content within limits.
result<void> validate(const post_form& form);
// not_valid_content unless the comment is storable text, not blank and not too long.
result<void> validate_comment(std::string_view content);

// Community posts as post::posts writes and reads them: the detail shows a page of comments, oldest first.
struct post_kind {
  using form = post_form;
  using filter = post_filter;
  using summary = post_summary;
  using detail = post_detail;
  static constexpr std::size_t max_images = community::max_images;
  static constexpr auto tables = repository::tables;
  static constexpr auto insert = repository::insert_post;
  static constexpr auto rewrite = repository::update_post;
  static constexpr auto find = repository::find_post;
  static constexpr auto list = repository::list_posts;
  static constexpr auto of_member = repository::posts_of;
  static constexpr auto children_of = repository::comments_of;
  static constexpr auto validate = community::validate;
};

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

class service : public post::posts_with_children<post_kind, comment_rows> {
 public:
  using posts_with_children::posts_with_children;
};

}  // namespace daengtionary::community
