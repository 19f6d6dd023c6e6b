// Todo routes: read the request, call the todo service, answer TodoResponse in the envelope.
#include "apps/bbodok/todo/routes.hpp"

#include <string>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/bbodok/common/body_fields.hpp"
#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/signed_in.hpp"
#include "apps/bbodok/todo/service.hpp"
#include "platform/json/request_body.hpp"

namespace bbodok::todo {
namespace {

namespace http = platform::http;
using boost::json::value;
using member::member_record;

struct context {
  member::service& members;
  service& todos;
};

value todo_json(const todo_record& todo) {
  return boost::json::object{
      {"todoId", todo.todo_id}, {"groupId", todo.group_id}, {"content", todo.content}, {"done", todo.done}};
}

// GET /api/v1/todos?groupId=: 200 the caller's todos in the group; 400; 404.
asio::awaitable<http::response> list(context ctx, http::request req, member_record me) {
  const auto group_id = req.required_query_int("groupId");
  const auto todos = co_await ctx.todos.list(me.member_id, group_id);
  if (!todos) co_return fail(todos.error());
  boost::json::array out;
  for (const auto& todo : *todos) out.push_back(todo_json(todo));
  co_return success(out);
}

// POST /api/v1/todos {content, groupId}: 201; 400; 404.
asio::awaitable<http::response> create(context ctx, http::request req, member_record me) {
  const auto body = platform::json::read_object(req.body());
  bool wrong_type = false;
  const auto group_id = id_field(body, "groupId");
  auto content = platform::json::text_field(body, "content", &wrong_type);
  if (wrong_type || !group_id || !content) co_return fail(bad_request());
  const auto made = co_await ctx.todos.create(me.member_id, *group_id, std::move(*content));
  if (!made) co_return fail(made.error());
  co_return created(todo_json(*made));
}

// PATCH /api/v1/todos {todoId, content, done}: 200; 400; 404 missing or someone else's.
asio::awaitable<http::response> edit(context ctx, http::request req, member_record me) {
  const auto body = platform::json::read_object(req.body());
  bool wrong_type = false;
  const auto todo_id = id_field(body, "todoId");
  auto content = platform::json::text_field(body, "content", &wrong_type);
  const auto done = bool_field(body, "done", &wrong_type);
  if (wrong_type || !todo_id || !content || !done) co_return fail(bad_request());
  const auto edited = co_await ctx.todos.edit(me.member_id, *todo_id, std::move(*content), *done);
  if (!edited) co_return fail(edited.error());
  co_return success(todo_json(*edited));
}

// DELETE /api/v1/todos {todoId}: 200 RESOURCE_DELETED, also when there was nothing of the caller's to delete.
asio::awaitable<http::response> remove(context ctx, http::request req, member_record me) {
  const auto todo_id = id_field(platform::json::read_object(req.body()), "todoId");
  if (!todo_id) co_return fail(bad_request());
  co_await ctx.todos.remove(me.member_id, *todo_id);
  co_return deleted();
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& todos) {
  using http::verb;
  const context ctx{members, todos};
  auto signed_in = [ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  routes.add(verb::get, "/api/v1/todos", signed_in(list));
  routes.add(verb::post, "/api/v1/todos", signed_in(create));
  routes.add(verb::patch, "/api/v1/todos", signed_in(edit));
  routes.add(verb::delete_, "/api/v1/todos", signed_in(remove));
}

}  // namespace bbodok::todo
