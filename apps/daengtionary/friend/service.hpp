// Matching rules: each post owns a group chat room, members join once each and never past maxCount, the
// status follows the count, and only the author edits or deletes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "apps/daengtionary/chat/dto.hpp"
#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/common/upload.hpp"
#include "apps/daengtionary/friend/dto.hpp"
#include "apps/daengtionary/post/service.hpp"
#include "platform/sql/connection.hpp"

namespace daengtionary::chat {
class service;
}
namespace daengtionary::mypage {
class service;
}

namespace daengtionary::matching {

inline constexpr std::size_t max_images = 10;
inline constexpr std::int64_t max_members = 100;

// The rules inside one transaction, for the service and for the seed (which writes them in the past).
//
// What create_post stored: the post and its group room's SYSTEM message, to publish once committed.
struct created_post {
  std::int64_t friend_no = 0;
  chat::message_record started;
};
// The post (open, nobody joined) with its image rows and its group room with the creator in it.
created_post create_post(platform::sql::connection& db, std::int64_t member_no, const post_form& form,
                         const std::vector<std::string>& urls, std::int64_t now);
// The join rule of POST /friend/count; see service::join.
result<join_outcome> take_part(platform::sql::connection& db, std::int64_t member_no, std::int64_t friend_no,
                               std::int64_t now);

class service : public post::service {
 public:
  service(platform::sql::database& db, image_uploads& images, chat::service& chats, mypage::service& dogs);

  // The post and its group room (with the creator in it) in one transaction; the room's SYSTEM message is
  // published after the commit.
  asio::awaitable<result<void>> create(std::int64_t member_no, post_form form, std::vector<upload> files);
  asio::awaitable<std::vector<post_summary>> list(post_filter filter, page paging);
  asio::awaitable<result<post_detail>> detail(std::int64_t friend_no);
  // Images are kept; the status is re-evaluated against the new maxCount and the room takes the new title.
  asio::awaitable<result<void>> update(std::int64_t member_no, std::int64_t friend_no, post_form form);
  // (remove: the post, its joins and images go; its chat room stays.)
  // joined (also when the member had joined before: counted once) or full (closed); friend_is_not_member for
  // the author of an open post. A joiner also becomes a member of the group room.
  asio::awaitable<result<join_outcome>> join(std::int64_t member_no, std::int64_t friend_no);

 private:
  chat::service& chats_;
  mypage::service& dogs_;
};

// not_valid_content unless the form is a post the frontend could have sent, with 1 <= maxCount <= max_members.
result<void> validate(const post_form& form);

}  // namespace daengtionary::matching
