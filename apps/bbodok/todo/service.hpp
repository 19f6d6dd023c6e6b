// Todo rules (contract §7.6 with the fixes of §11): a member's own todos in one of their groups. Someone
// else's todo answers as a missing one, so nobody learns that it exists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/todo/dto.hpp"

namespace platform::sql {
class database;
}

namespace bbodok::todo {

inline constexpr std::size_t max_content_length = 255;  // code points (the original's VARCHAR(255))

// nullopt for 1 to 255 code points with something besides white space; else the 400 failure.
std::optional<failure> check_content(std::string_view content);

class service {
 public:
  explicit service(platform::sql::database& db);

  // The caller's todos in the group, oldest first; 404 when the caller is not in the group.
  asio::awaitable<result<std::vector<todo_record>>> list(std::int64_t member_id, std::int64_t group_id);
  // A new todo (not done); 400 bad content; 404 no such group, or the caller is not in it.
  asio::awaitable<result<todo_record>> create(std::int64_t member_id, std::int64_t group_id, std::string content);
  // Content and done, both; 400 bad content; 404 존재하지 않는 todo입니다. for a missing todo or someone else's.
  asio::awaitable<result<todo_record>> edit(std::int64_t member_id, std::int64_t todo_id, std::string content,
                                            bool done);
  // Deletes the caller's todo; a missing one (or someone else's) is no error and stays as it is.
  asio::awaitable<void> remove(std::int64_t member_id, std::int64_t todo_id);

 private:
  platform::sql::database& db_;
};

}  // namespace bbodok::todo
