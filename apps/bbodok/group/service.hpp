// Group rules (contract §7.1 with the fixes of §11): hashed passwords that never leave the service, unique
// invite paths, edits by the owner only, and leaving as one transaction (the default group cannot be left).
// What changes rankings and room caches is announced after the commit: the leaderboard through rank::service,
// the rooms on events::group_rooms_changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/group/dto.hpp"

namespace platform::io {
class blocking_pool;
}
namespace platform::kv {
class pubsub;
}
namespace platform::sql {
class database;
}
namespace bbodok::rank {
class service;
}

namespace bbodok::group {

class memberships;

class service {
 public:
  service(platform::sql::database& db, platform::io::blocking_pool& pool, memberships& members, rank::service& ranks,
          platform::kv::pubsub& events);

  // Live groups the member has not joined, secret ones included (color null).
  asio::awaitable<std::vector<group_record>> not_joined(std::int64_t member_id);
  // The member's groups with their colours.
  asio::awaitable<std::vector<group_record>> mine(std::int64_t member_id);
  // The invite link's group: 400 유효하지 않은 초대 코드입니다. : {path}, or 400 이미 가입한 그룹입니다.
  asio::awaitable<result<group_record>> preview(std::int64_t member_id, std::string path);
  // The group with its creator as owner and first member; 400 for bad fields or a path in use.
  asio::awaitable<result<group_record>> create(std::int64_t member_id, new_group form);
  // Name, secret flag and (for a secret group, when given) password; 400 그룹장이 아닙니다. for anyone else.
  asio::awaitable<result<group_record>> edit(std::int64_t member_id, group_edit form);
  // The caller's colour for the group; 404 when the caller is not a member.
  asio::awaitable<result<group_record>> color(std::int64_t member_id, std::int64_t group_id,
                                              std::optional<std::string> color);
  // Join by id: a secret group needs its password (400 비밀번호가 일치하지 않습니다., also when none is
  // given); joining again changes nothing.
  asio::awaitable<result<group_record>> join(std::int64_t member_id, std::int64_t group_id,
                                             std::optional<std::string> password);
  // Join through an invite link: no password; 400 when the path is unknown or the member already joined.
  asio::awaitable<result<group_record>> join_by_path(std::int64_t member_id, std::string path);
  // Leave with the cascade of repository.hpp's leave_rows; 400 for the default group, 404 for a non-member.
  asio::awaitable<result<void>> leave(std::int64_t member_id, std::int64_t group_id);

  // What follows a committed departure (leaving or withdrawal): the member's groups are recomputed, their
  // leaderboard entry goes and the room feature is told to refresh the group's rooms.
  asio::awaitable<void> departed(std::int64_t member_id, std::int64_t group_id);

 private:
  // What follows a committed membership (creating or joining): the member's groups and leaderboard entry.
  asio::awaitable<void> arrived(std::int64_t member_id, std::int64_t group_id);

  platform::sql::database& db_;
  platform::io::blocking_pool& pool_;
  memberships& members_;
  rank::service& ranks_;
  platform::kv::pubsub& events_;
};

}  // namespace bbodok::group
