// Community rules over the repository; stored images follow their rows (removed only after a commit).
#include "apps/daengtionary/community/service.hpp"

#include <algorithm>
#include <array>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/community/repository.hpp"
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

// The errors a wrong id or a non-author get for the member's own post.
result<void> check_own_post(connection& db, std::int64_t member_no, std::int64_t community_no) {
  const auto author = repository::author_of(db, community_no);
  if (!author) return errc::map_not_found;
  if (*author != member_no) return errc::map_wrong_access;
  return {};
}

void create_post(connection& db, std::int64_t member_no, const post_form& form, const std::vector<std::string>& urls) {
  const std::int64_t community_no = repository::insert_post(db, member_no, form, now_micros());
  repository::insert_images(db, community_no, urls);
}

// Outside a transaction: each read stands alone, so a post deleted meanwhile shows as not found or
// without its images and comments, never half-read.
result<post_detail> read_detail(connection& db, std::int64_t community_no, const std::string& viewer, std::int64_t day,
                                page comments) {
  auto post = repository::find_post(db, community_no);
  if (!post) return errc::map_not_found;
  return post_detail{std::move(*post), repository::image_urls(db, community_no),
                     repository::comments_of(db, community_no, comments),
                     repository::viewed(db, community_no, viewer, day)};
}

bool count_view(connection& db, std::int64_t community_no, const std::string& viewer, std::int64_t day) {
  if (!repository::record_view(db, community_no, viewer, day)) return false;
  repository::add_view(db, community_no);
  return true;
}

// The image URLs to remove from storage once committed: the old ones when new ones replaced them.
result<std::vector<std::string>> rewrite_own_post(connection& db, std::int64_t member_no, std::int64_t community_no,
                                                  const post_form& form, const std::vector<std::string>& new_urls) {
  if (auto own = check_own_post(db, member_no, community_no); !own) return own.error();
  repository::update_post(db, community_no, form, now_micros());
  if (new_urls.empty()) return std::vector<std::string>{};
  auto old_urls = repository::image_urls(db, community_no);
  repository::delete_images(db, community_no);
  repository::insert_images(db, community_no, new_urls);
  return old_urls;
}

result<std::vector<std::string>> delete_own_post(connection& db, std::int64_t member_no, std::int64_t community_no) {
  if (auto own = check_own_post(db, member_no, community_no); !own) return own.error();
  auto urls = repository::image_urls(db, community_no);
  repository::delete_post(db, community_no);
  return urls;
}

result<comment_record> insert_comment(connection& db, std::int64_t member_no, std::int64_t community_no,
                                      const std::string& content) {
  if (!repository::author_of(db, community_no)) return errc::map_not_found;
  const std::int64_t review_no = repository::insert_comment(db, community_no, member_no, content, now_micros());
  return *repository::find_comment(db, review_no);
}

// The member's own comment on that post; the errors a wrong post, comment or author get.
result<comment_record> own_comment(connection& db, std::int64_t member_no, std::int64_t community_no,
                                   std::int64_t review_no) {
  if (!repository::author_of(db, community_no)) return errc::map_not_found;
  auto comment = repository::find_comment(db, review_no);
  if (!comment || comment->community_no != community_no) return errc::review_not_found;
  if (comment->member_no != member_no) return errc::map_wrong_access;
  return *comment;
}

result<comment_record> rewrite_own_comment(connection& db, std::int64_t member_no, std::int64_t community_no,
                                           std::int64_t review_no, const std::string& content) {
  auto comment = own_comment(db, member_no, community_no, review_no);
  if (!comment) return comment;
  repository::update_comment(db, review_no, content, now_micros());
  return *repository::find_comment(db, review_no);
}

result<void> delete_own_comment(connection& db, std::int64_t member_no, std::int64_t community_no,
                                std::int64_t review_no) {
  auto comment = own_comment(db, member_no, community_no, review_no);
  if (!comment) return comment.error();
  repository::delete_comment(db, review_no);
  return {};
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

service::service(platform::sql::database& db, image_uploads& images) : db_(db), images_(images) {}

asio::awaitable<result<void>> service::create(std::int64_t member_no, post_form form, std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  if (files.size() > max_images) co_return errc::not_valid_content;
  auto stored = co_await images_.store(std::move(files));
  if (!stored) co_return stored.error();
  const std::vector<std::string> urls = std::move(*stored);
  co_await db_.transact(create_post, member_no, std::move(form), urls);
  co_return result<void>();
}

asio::awaitable<std::vector<post_summary>> service::list(post_filter filter, sort_order sort, page paging) {
  co_return co_await db_.run(repository::list_posts, std::move(filter), sort, paging);
}

asio::awaitable<std::vector<post_summary>> service::posts_of(std::int64_t member_no) {
  co_return co_await db_.run(repository::posts_of, member_no);
}

asio::awaitable<result<post_detail>> service::view(std::int64_t community_no, std::string viewer, page comments) {
  const std::int64_t day = seoul_day(now_micros());
  auto found = co_await db_.run(read_detail, community_no, viewer, day, comments);
  if (!found) co_return found.error();
  // A viewer already counted today costs no write, so refreshing a page neither writes nor retires the
  // cached list pages.
  if (!found->viewer_counted) {
    const bool counted = co_await db_.transact(count_view, community_no, std::move(viewer), day);
    if (counted) ++found->post.views;
  }
  co_return found;
}

asio::awaitable<result<void>> service::update(std::int64_t member_no, std::int64_t community_no, post_form form,
                                              std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  if (files.size() > max_images) co_return errc::not_valid_content;
  const auto rewrite = [this, member_no, community_no, form = std::move(form)](std::vector<std::string> new_urls) {
    return db_.transact(rewrite_own_post, member_no, community_no, form, std::move(new_urls));
  };
  co_return co_await images_.replace(std::move(files), rewrite);
}

asio::awaitable<result<void>> service::remove(std::int64_t member_no, std::int64_t community_no) {
  auto urls = co_await db_.transact(delete_own_post, member_no, community_no);
  if (!urls) co_return urls.error();
  co_await images_.remove(std::move(*urls));
  co_return result<void>();
}

asio::awaitable<result<comment_record>> service::add_comment(std::int64_t member_no, std::int64_t community_no,
                                                             std::string content) {
  if (auto valid = validate_comment(content); !valid) co_return valid.error();
  co_return co_await db_.transact(insert_comment, member_no, community_no, std::move(content));
}

asio::awaitable<result<comment_record>> service::update_comment(std::int64_t member_no, std::int64_t community_no,
                                                                std::int64_t review_no, std::string content) {
  if (auto valid = validate_comment(content); !valid) co_return valid.error();
  co_return co_await db_.transact(rewrite_own_comment, member_no, community_no, review_no, std::move(content));
}

asio::awaitable<result<void>> service::delete_comment(std::int64_t member_no, std::int64_t community_no,
                                                      std::int64_t review_no) {
  co_return co_await db_.transact(delete_own_comment, member_no, community_no, review_no);
}

asio::awaitable<result<bool>> service::toggle_wish(std::int64_t member_no, std::int64_t community_no) {
  co_return co_await db_.transact(wishes::toggle, member_no, wishes::target::community, community_no);
}

}  // namespace daengtionary::community
