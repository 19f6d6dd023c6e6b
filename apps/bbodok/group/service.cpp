// Group rules over the repository; password hashing and checks run on the blocking pool, outside transactions.
#include "apps/bbodok/group/service.hpp"

#include <memory>
#include <utility>

#include <fmt/format.h>

#include "apps/bbodok/common/events.hpp"
#include "apps/bbodok/group/membership.hpp"
#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/group/repository.hpp"
#include "apps/bbodok/group/validation.hpp"
#include "apps/bbodok/rank/service.hpp"
#include "platform/auth/password.hpp"
#include "platform/io/blocking_pool.hpp"
#include "platform/kv/pubsub.hpp"
#include "platform/sql/database.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::group {
namespace {

namespace psql = platform::sql;

failure invalid_path(const std::string& path) {
  return rule_broken(fmt::format("유효하지 않은 초대 코드입니다. : {}", path));
}
failure already_joined() { return rule_broken("이미 가입한 그룹입니다."); }
failure wrong_password() { return rule_broken("비밀번호가 일치하지 않습니다."); }
failure not_owner() { return rule_broken("그룹장이 아닙니다."); }

std::string hash(const std::string& password) { return platform::auth::hash_password(password); }
bool verify(const std::string& password, const std::string& stored) {
  return platform::auth::verify_password(password, stored);
}

result<group_record> preview_rows(psql::connection& db, std::int64_t member_id, const std::string& path) {
  auto found = find_live_by_path(db, path);
  if (!found) return invalid_path(path);
  if (is_member(db, member_id, found->group.group_id)) return already_joined();
  return std::move(found->group);
}

result<group_record> create_rows(psql::connection& db, std::int64_t member_id, const new_group& form,
                                 const std::optional<std::string>& password_hash, std::int64_t now) {
  const auto group_id = insert_group(db, member_id, form, password_hash, now);
  if (!group_id) return rule_broken("이미 사용 중인 초대 코드입니다.");
  add_membership(db, member_id, *group_id, now);
  return group_record{*group_id, form.name, form.secret, std::nullopt, form.path};
}

result<stored_group> owned_group(psql::connection& db, std::int64_t member_id, std::int64_t group_id) {
  auto found = find_live(db, group_id);
  if (!found) return group_not_found(group_id);
  if (found->owner_id != member_id) return not_owner();
  return std::move(*found);
}

result<group_record> edit_rows(psql::connection& db, std::int64_t member_id, const group_edit& form,
                               const std::optional<std::string>& new_hash, std::int64_t now) {
  auto found = owned_group(db, member_id, form.group_id);
  if (!found) return found.error();
  std::optional<std::string> password_hash;
  if (form.secret) {
    password_hash = new_hash ? new_hash : found->password_hash;
    // A group made secret needs a password: without one nobody could join it by id.
    if (!password_hash) return check_password(std::nullopt).value();
  }
  update_group(db, form, password_hash, now);
  return group_record{form.group_id, form.name, form.secret, std::nullopt, found->group.path};
}

result<group_record> color_rows(psql::connection& db, std::int64_t member_id, std::int64_t group_id,
                                const std::optional<std::string>& color) {
  auto found = find_live(db, group_id);
  if (!found) return group_not_found(group_id);
  if (!set_color(db, member_id, group_id, color)) return not_a_member(member_id, group_id);
  found->group.color = color;
  return std::move(found->group);
}

result<stored_group> live_group(psql::connection& db, std::int64_t group_id) {
  auto found = find_live(db, group_id);
  if (!found) return group_not_found(group_id);
  return std::move(*found);
}

result<group_record> join_rows(psql::connection& db, std::int64_t member_id, std::int64_t group_id, std::int64_t now) {
  auto found = live_group(db, group_id);
  if (!found) return found.error();
  add_membership(db, member_id, group_id, now);
  return std::move(found->group);
}

result<group_record> join_path_rows(psql::connection& db, std::int64_t member_id, const std::string& path,
                                    std::int64_t now) {
  auto found = find_live_by_path(db, path);
  if (!found) return invalid_path(path);
  if (!add_membership(db, member_id, found->group.group_id, now)) return already_joined();
  return std::move(found->group);
}

result<void> leave_group_rows(psql::connection& db, std::int64_t member_id, std::int64_t group_id, std::int64_t now) {
  const auto found = find_live(db, group_id);
  if (!found) return group_not_found(group_id);
  if (found->everyone) return rule_broken("전체 그룹은 나갈 수 없습니다.");
  if (!leave_rows(db, member_id, group_id, now)) return not_a_member(member_id, group_id);
  return {};
}

}  // namespace

service::service(psql::database& db, platform::io::blocking_pool& pool, memberships& members, rank::service& ranks,
                 platform::kv::pubsub& events)
    : db_(db), pool_(pool), members_(members), ranks_(ranks), events_(events) {}

asio::awaitable<std::vector<group_record>> service::not_joined(std::int64_t member_id) {
  co_return co_await db_.run(group::not_joined, member_id);
}

asio::awaitable<std::vector<group_record>> service::mine(std::int64_t member_id) {
  co_return co_await db_.run(groups_with_colors, member_id);
}

asio::awaitable<result<group_record>> service::preview(std::int64_t member_id, std::string path) {
  co_return co_await db_.run(preview_rows, member_id, std::move(path));
}

asio::awaitable<result<group_record>> service::create(std::int64_t member_id, new_group form) {
  if (auto bad = check_new_group(form)) co_return std::move(*bad);
  std::optional<std::string> password_hash;
  if (form.secret) password_hash = co_await pool_.run(hash, *form.password);
  auto made = co_await db_.transact(create_rows, member_id, std::move(form), std::move(password_hash),
                                    platform::time::now_micros());
  if (made) co_await arrived(member_id, made->group_id);
  co_return made;
}

asio::awaitable<result<group_record>> service::edit(std::int64_t member_id, group_edit form) {
  if (auto bad = check_edit(form)) co_return std::move(*bad);
  // Ownership first, so that nobody but the owner makes the server hash.
  const auto owned = co_await db_.run(owned_group, member_id, form.group_id);
  if (!owned) co_return owned.error();
  std::optional<std::string> new_hash;
  if (form.secret && form.password && !form.password->empty()) new_hash = co_await pool_.run(hash, *form.password);
  co_return co_await db_.transact(edit_rows, member_id, std::move(form), std::move(new_hash),
                                  platform::time::now_micros());
}

asio::awaitable<result<group_record>> service::color(std::int64_t member_id, std::int64_t group_id,
                                                     std::optional<std::string> color) {
  if (auto bad = check_color(color)) co_return std::move(*bad);
  co_return co_await db_.transact(color_rows, member_id, group_id, std::move(color));
}

asio::awaitable<result<group_record>> service::join(std::int64_t member_id, std::int64_t group_id,
                                                    std::optional<std::string> password) {
  const auto found = co_await db_.run(live_group, group_id);
  if (!found) co_return found.error();
  if (found->group.secret) {
    if (!password || !found->password_hash) co_return wrong_password();
    if (!co_await pool_.run(verify, std::move(*password), *found->password_hash)) co_return wrong_password();
  }
  auto joined = co_await db_.transact(join_rows, member_id, group_id, platform::time::now_micros());
  if (joined) co_await arrived(member_id, group_id);
  co_return joined;
}

asio::awaitable<result<group_record>> service::join_by_path(std::int64_t member_id, std::string path) {
  auto joined = co_await db_.transact(join_path_rows, member_id, std::move(path), platform::time::now_micros());
  if (joined) co_await arrived(member_id, joined->group_id);
  co_return joined;
}

asio::awaitable<result<void>> service::leave(std::int64_t member_id, std::int64_t group_id) {
  const auto left = co_await db_.transact(leave_group_rows, member_id, group_id, platform::time::now_micros());
  if (left) co_await departed(member_id, group_id);
  co_return left;
}

asio::awaitable<void> service::arrived(std::int64_t member_id, std::int64_t group_id) {
  co_await members_.changed(member_id);
  co_await ranks_.add_study_time(group_id, member_id, 0);
}

asio::awaitable<void> service::departed(std::int64_t member_id, std::int64_t group_id) {
  co_await members_.changed(member_id);
  co_await ranks_.forget(group_id, member_id);
  events_.publish(events::group_rooms_changed, std::make_shared<const std::string>(std::to_string(group_id)));
}

}  // namespace bbodok::group
