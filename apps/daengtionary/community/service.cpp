// Community rules over the community repository and the shared post rules.
#include "apps/daengtionary/community/service.hpp"

#include <algorithm>
#include <array>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/community/repository.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::community {
namespace {

using platform::sql::connection;

// Bytes, generous for Hangul (3 bytes a syllable): 100, 5000 and 1000 characters.
constexpr std::size_t max_title_bytes = 300;
constexpr std::size_t max_content_bytes = 15000;
constexpr std::size_t max_comment_bytes = 3000;

// The frontend's choices; "" is its "없음" (not chosen).
constexpr std::array<std::string_view, 5> categories{"장터", "호텔", "병원", "자유", ""};

// Outside a transaction: each read stands alone, so a post deleted meanwhile shows as not found or
// without its images and comments, never half-read.
result<post_detail> read_detail(connection& db, std::int64_t community_no, const std::string& viewer, std::int64_t day,
                                page comments) {
  auto found = repository::find_post(db, community_no);
  if (!found) return errc::map_not_found;
  return post_detail{std::move(*found), post::repository::image_urls(db, repository::tables(), community_no),
                     repository::comments_of(db, community_no, comments),
                     post::repository::viewed(db, repository::tables(), community_no, viewer, day)};
}

}  // namespace

result<void> validate(const post_form& form) {
  // JSON already guarantees UTF-8, but "\u0000" decodes to a NUL that PostgreSQL refuses.
  const bool valid = !is_blank(form.title) && form.title.size() <= max_title_bytes &&
                     form.content.size() <= max_content_bytes && is_storable_text(form.title) &&
                     is_storable_text(form.content) && std::ranges::find(categories, form.category) != categories.end();
  if (!valid) return errc::not_valid_content;
  return {};
}

result<void> validate_comment(std::string_view content) {
  if (!is_storable_text(content) || is_blank(content) || content.size() > max_comment_bytes) {
    return errc::not_valid_content;
  }
  return {};
}

service::service(platform::sql::database& db, image_uploads& images)
    : post::service(db, images, repository::tables(), max_images), comments_(db) {}

asio::awaitable<result<std::int64_t>> service::create(std::int64_t member_no, post_form form,
                                                      std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  const auto insert = [member_no, form = std::move(form)](connection& db, const std::vector<std::string>& urls) {
    const std::int64_t community_no = repository::insert_post(db, member_no, form, now_micros());
    post::repository::insert_images(db, repository::tables(), community_no, urls);
    return community_no;
  };
  co_return co_await post::service::create(std::move(files), insert);
}

asio::awaitable<std::vector<post_summary>> service::list(post_filter filter, sort_order sort, page paging) {
  co_return co_await db_.run(repository::list_posts, std::move(filter), sort, paging);
}

asio::awaitable<std::vector<post_summary>> service::posts_of(std::int64_t member_no) {
  co_return co_await db_.run(repository::posts_of, member_no);
}

asio::awaitable<result<post_detail>> service::view(std::int64_t community_no, std::string viewer, page comments) {
  const std::int64_t day = post::today();
  auto found = co_await db_.run(read_detail, community_no, viewer, day, comments);
  if (!found) co_return found.error();
  if (co_await count_view(community_no, std::move(viewer), day, found->viewer_counted)) ++found->post.views;
  co_return found;
}

asio::awaitable<result<void>> service::update(std::int64_t member_no, std::int64_t community_no, post_form form,
                                              std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  const auto rewrite = [community_no, form = std::move(form)](connection& db) {
    repository::update_post(db, community_no, form, now_micros());
  };
  co_return co_await post::service::update(member_no, community_no, std::move(files), rewrite);
}

}  // namespace daengtionary::community
