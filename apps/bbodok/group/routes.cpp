// Group routes: read the request, call the group service, answer GroupResponse in the envelope.
#include "apps/bbodok/group/routes.hpp"

#include <string>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/bbodok/common/body_fields.hpp"
#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/group/service.hpp"
#include "apps/bbodok/member/signed_in.hpp"
#include "platform/json/request_body.hpp"

namespace bbodok::group {
namespace {

namespace http = platform::http;
using boost::json::value;
using member::member_record;

struct context {
  member::service& members;
  service& groups;
};

value group_json(const group_record& group) {
  return boost::json::object{{"groupId", group.group_id},
                             {"groupName", group.name},
                             {"secret", group.secret},
                             {"color", group.color ? value(*group.color) : value(nullptr)},
                             {"path", group.path}};
}

value groups_json(const std::vector<group_record>& groups) {
  boost::json::array out;
  for (const auto& group : groups) out.push_back(group_json(group));
  return out;
}

http::response answer(const result<group_record>& outcome, bool made) {
  if (!outcome) return fail(outcome.error());
  return made ? created(group_json(*outcome)) : success(group_json(*outcome));
}

// GET /api/v1/groups/all: 200 the live groups the caller has not joined.
asio::awaitable<http::response> all(context ctx, http::request, member_record me) {
  co_return success(groups_json(co_await ctx.groups.not_joined(me.member_id)));
}

// GET /api/v1/groups: 200 the caller's groups with colours.
asio::awaitable<http::response> mine(context ctx, http::request, member_record me) {
  co_return success(groups_json(co_await ctx.groups.mine(me.member_id)));
}

// GET /api/v1/groups/path?path=: 200 the invite link's group; 400 unknown or already joined.
asio::awaitable<http::response> preview(context ctx, http::request req, member_record me) {
  std::string path(req.required_query("path"));
  co_return answer(co_await ctx.groups.preview(me.member_id, std::move(path)), false);
}

// POST /api/v1/groups {groupName, secret, password, path}: 201; 400.
asio::awaitable<http::response> create(context ctx, http::request req, member_record me) {
  const auto body = platform::json::read_object(req.body());
  bool wrong_type = false;
  new_group form{platform::json::text_field(body, "groupName", &wrong_type).value_or(""),
                 bool_field(body, "secret", &wrong_type).value_or(false),
                 platform::json::text_field(body, "password", &wrong_type),
                 platform::json::text_field(body, "path", &wrong_type).value_or("")};
  if (wrong_type) co_return fail(bad_request());
  co_return answer(co_await ctx.groups.create(me.member_id, std::move(form)), true);
}

// PATCH /api/v1/groups {groupId, groupName, secret, password}: 200; 400 (fields, not the owner); 404.
asio::awaitable<http::response> edit(context ctx, http::request req, member_record me) {
  const auto body = platform::json::read_object(req.body());
  bool wrong_type = false;
  const auto group_id = id_field(body, "groupId");
  group_edit form{group_id.value_or(0), platform::json::text_field(body, "groupName", &wrong_type).value_or(""),
                  bool_field(body, "secret", &wrong_type).value_or(false),
                  platform::json::text_field(body, "password", &wrong_type)};
  if (wrong_type || !group_id) co_return fail(bad_request());
  co_return answer(co_await ctx.groups.edit(me.member_id, std::move(form)), false);
}

// PATCH /api/v1/groups/color {groupId, color}: 200 with the colour; 400; 404 (no group, not a member).
asio::awaitable<http::response> color(context ctx, http::request req, member_record me) {
  const auto body = platform::json::read_object(req.body());
  bool wrong_type = false;
  const auto group_id = id_field(body, "groupId");
  auto chosen = platform::json::text_field(body, "color", &wrong_type);
  if (wrong_type || !group_id) co_return fail(bad_request());
  co_return answer(co_await ctx.groups.color(me.member_id, *group_id, std::move(chosen)), false);
}

// POST /api/v1/groups/{groupId} with an optional body {password}: 201 (also when already a member); 400; 404.
asio::awaitable<http::response> join(context ctx, http::request req, member_record me) {
  const auto group_id = req.path_int("groupId");
  std::optional<std::string> password;
  if (req.body().find_first_not_of(" \t\r\n") != std::string_view::npos) {
    bool wrong_type = false;
    password = platform::json::text_field(platform::json::read_object(req.body()), "password", &wrong_type);
    if (wrong_type) co_return fail(bad_request());
  }
  co_return answer(co_await ctx.groups.join(me.member_id, group_id, std::move(password)), true);
}

// POST /api/v1/groups/path {path}: 201; 400 unknown path or already joined.
asio::awaitable<http::response> join_by_path(context ctx, http::request req, member_record me) {
  bool wrong_type = false;
  auto path = platform::json::text_field(platform::json::read_object(req.body()), "path", &wrong_type);
  if (wrong_type || !path) co_return fail(bad_request());
  co_return answer(co_await ctx.groups.join_by_path(me.member_id, std::move(*path)), true);
}

// DELETE /api/v1/groups {groupId}: 200 RESOURCE_DELETED; 400 the default group; 404.
asio::awaitable<http::response> leave(context ctx, http::request req, member_record me) {
  const auto group_id = id_field(platform::json::read_object(req.body()), "groupId");
  if (!group_id) co_return fail(bad_request());
  const auto left = co_await ctx.groups.leave(me.member_id, *group_id);
  if (!left) co_return fail(left.error());
  co_return deleted();
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& groups) {
  using http::verb;
  const context ctx{members, groups};
  auto signed_in = [ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  routes.add(verb::get, "/api/v1/groups/all", signed_in(all));
  routes.add(verb::get, "/api/v1/groups", signed_in(mine));
  routes.add(verb::get, "/api/v1/groups/path", signed_in(preview));
  routes.add(verb::post, "/api/v1/groups", signed_in(create));
  routes.add(verb::patch, "/api/v1/groups", signed_in(edit));
  routes.add(verb::patch, "/api/v1/groups/color", signed_in(color));
  routes.add(verb::post, "/api/v1/groups/{groupId}", signed_in(join));
  routes.add(verb::post, "/api/v1/groups/path", signed_in(join_by_path));
  routes.add(verb::delete_, "/api/v1/groups", signed_in(leave));
}

}  // namespace bbodok::group
