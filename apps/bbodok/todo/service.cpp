// Todo rules over the repository.
#include "apps/bbodok/todo/service.hpp"

#include <utility>

#include "apps/bbodok/group/membership.hpp"
#include "apps/bbodok/group/validation.hpp"
#include "apps/bbodok/todo/repository.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::todo {
namespace {

namespace psql = platform::sql;

std::optional<failure> check_member(psql::connection& db, std::int64_t member_id, std::int64_t group_id) {
  if (!group::is_live_group(db, group_id)) return group_not_found(group_id);
  if (!group::is_member(db, member_id, group_id)) return not_a_member(member_id, group_id);
  return std::nullopt;
}

result<std::vector<todo_record>> list_todos(psql::connection& db, std::int64_t member_id, std::int64_t group_id) {
  if (auto refused = check_member(db, member_id, group_id)) return std::move(*refused);
  return list_rows(db, member_id, group_id);
}

result<todo_record> create_todo(psql::connection& db, std::int64_t member_id, std::int64_t group_id,
                                const std::string& content, std::int64_t now) {
  if (auto refused = check_member(db, member_id, group_id)) return std::move(*refused);
  return todo_record{insert_row(db, member_id, group_id, content, now), group_id, content, false};
}

result<todo_record> edit_todo(psql::connection& db, std::int64_t member_id, std::int64_t todo_id,
                              const std::string& content, bool done, std::int64_t now) {
  auto updated = update_row(db, member_id, todo_id, content, done, now);
  if (!updated) return todo_not_found(todo_id);
  return std::move(*updated);
}

}  // namespace

std::optional<failure> check_content(std::string_view content) {
  if (group::has_length(content, 1, max_content_length) &&
      content.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    return std::nullopt;
  }
  return rule_broken("할 일은 1자 이상 255자 이하로 입력해 주세요.");
}

service::service(psql::database& db) : db_(db) {}

asio::awaitable<result<std::vector<todo_record>>> service::list(std::int64_t member_id, std::int64_t group_id) {
  co_return co_await db_.run(list_todos, member_id, group_id);
}

asio::awaitable<result<todo_record>> service::create(std::int64_t member_id, std::int64_t group_id,
                                                     std::string content) {
  if (auto bad = check_content(content)) co_return std::move(*bad);
  co_return co_await db_.transact(create_todo, member_id, group_id, std::move(content), platform::time::now_micros());
}

asio::awaitable<result<todo_record>> service::edit(std::int64_t member_id, std::int64_t todo_id, std::string content,
                                                   bool done) {
  if (auto bad = check_content(content)) co_return std::move(*bad);
  co_return co_await db_.transact(edit_todo, member_id, todo_id, std::move(content), done,
                                  platform::time::now_micros());
}

asio::awaitable<void> service::remove(std::int64_t member_id, std::int64_t todo_id) {
  co_await db_.transact(delete_row, member_id, todo_id);
}

}  // namespace bbodok::todo
