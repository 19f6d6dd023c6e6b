// Matching rules over the matching repository, the shared post rules and the chat and my page services.
#include "apps/daengtionary/friend/service.hpp"

#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/friend/repository.hpp"
#include "apps/daengtionary/mypage/service.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::matching {
namespace {

using platform::sql::connection;

// Characters, not bytes; the frontend limits content to 30.
constexpr std::size_t max_title_characters = 100;
constexpr std::size_t max_content_characters = 1000;
constexpr std::size_t max_address_characters = 200;

bool known_category(const std::string& category) {
  return category == "산책" || category == "애견카페" || category == "자유";
}

result<post_detail> read_detail(connection& db, std::int64_t friend_no) {
  auto detail = repository::find_detail(db, friend_no);
  if (!detail) return errc::map_not_found;
  return std::move(*detail);
}

result<void> rewrite_own_post(connection& db, std::int64_t member_no, std::int64_t friend_no, const post_form& form) {
  if (auto own = post::check_author(db, repository::tables(), member_no, friend_no); !own) return own;
  repository::update_post(db, friend_no, form, now_micros());
  chat::rename_room(db, repository::find_post(db, friend_no)->room_no, form.title);
  return {};
}

}  // namespace

created_post create_post(connection& db, std::int64_t member_no, const post_form& form,
                         const std::vector<std::string>& urls, std::int64_t now) {
  chat::message_record started = chat::open_group_room(db, member_no, form.title, now);
  const std::int64_t friend_no = repository::insert_post(db, member_no, form, started.room_no, now);
  post::repository::insert_images(db, repository::tables(), friend_no, urls);
  return created_post{friend_no, std::move(started)};
}

// The join row decides "once per member"; the guarded counter update decides "never past maxCount", and gives
// the join row back when the post filled up in the meantime.
result<join_outcome> take_part(connection& db, std::int64_t member_no, std::int64_t friend_no, std::int64_t now) {
  auto post = repository::find_post(db, friend_no);
  if (!post) return errc::map_not_found;
  if (post->member_no == member_no) {
    if (post->status != open_status) return join_outcome::full;
    return errc::friend_is_not_member;
  }
  if (repository::insert_join(db, friend_no, member_no, now) && !repository::take_seat(db, friend_no)) {
    repository::delete_join(db, friend_no, member_no);
    return join_outcome::full;
  }
  chat::join_room(db, post->room_no, member_no, now);
  return join_outcome::joined;
}

result<void> validate(const post_form& form) {
  const bool valid =
      known_category(form.category) && !is_blank(form.title) && utf8_length(form.title) <= max_title_characters &&
      utf8_length(form.content) <= max_content_characters && !is_blank(form.address) &&
      utf8_length(form.address) <= max_address_characters && form.max_count >= 1 && form.max_count <= max_members;
  if (!valid) return errc::not_valid_content;
  return {};
}

service::service(platform::sql::database& db, image_uploads& images, chat::service& chats, mypage::service& dogs)
    : post::service(db, images, repository::tables(), max_images), chats_(chats), dogs_(dogs) {}

asio::awaitable<result<void>> service::create(std::int64_t member_no, post_form form, std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  const auto insert = [member_no, form = std::move(form)](connection& db, const std::vector<std::string>& urls) {
    return create_post(db, member_no, form, urls, now_micros());
  };
  auto created = co_await post::service::create(std::move(files), insert);
  if (!created) co_return created.error();
  chats_.publish(created->started);
  co_return result<void>();
}

asio::awaitable<std::vector<post_summary>> service::list(post_filter filter, page paging) {
  co_return co_await db_.run(repository::list_posts, std::move(filter), paging);
}

asio::awaitable<result<post_detail>> service::detail(std::int64_t friend_no) {
  auto found = co_await db_.run(read_detail, friend_no);
  if (!found) co_return found.error();
  found->dogs = co_await dogs_.dogs_of(found->post.member_no);
  co_return found;
}

asio::awaitable<result<void>> service::update(std::int64_t member_no, std::int64_t friend_no, post_form form) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  co_return co_await db_.transact(rewrite_own_post, member_no, friend_no, std::move(form));
}

asio::awaitable<result<join_outcome>> service::join(std::int64_t member_no, std::int64_t friend_no) {
  co_return co_await db_.transact(take_part, member_no, friend_no, now_micros());
}

}  // namespace daengtionary::matching
