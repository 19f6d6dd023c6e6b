// Room routes: read and check parameters, call the room service, answer the envelopes.
#include "apps/bbodok/room/routes.hpp"

#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/member/signed_in.hpp"
#include "apps/bbodok/room/json.hpp"
#include "apps/bbodok/room/query.hpp"
#include "apps/bbodok/room/service.hpp"
#include "platform/json/binding.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::room {
namespace {

namespace http = platform::http;
using member::member_record;

struct context {
  member::service& members;
  service& rooms;
};

// GET /api/v1/rooms?groupId&from&to: the group's calendar (cached per window); members of the group only.
asio::awaitable<http::response> group_rooms(context ctx, http::request req, member_record me) {
  const auto group_id = id_of(req, "groupId");
  const auto w = window_of(req);
  if (!group_id) co_return fail(group_id.error());
  if (!w) co_return fail(w.error());
  auto rooms = co_await ctx.rooms.group_rooms(me.member_id, *group_id, *w);
  if (!rooms) co_return fail(rooms.error());
  co_return success_json(*rooms);
}

// GET /api/v1/rooms/reservation?groupId&from&to: my rooms in the group (memberIds null).
asio::awaitable<http::response> reserved_in_group(context ctx, http::request req, member_record me) {
  const auto group_id = id_of(req, "groupId");
  const auto w = window_of(req);
  if (!group_id) co_return fail(group_id.error());
  if (!w) co_return fail(w.error());
  auto rooms = co_await ctx.rooms.reserved_in_group(me.member_id, *group_id, *w);
  if (!rooms) co_return fail(rooms.error());
  co_return success(rooms_json(*rooms, false));
}

// GET /api/v1/rooms/all?from&to: my rooms across groups (memberIds null).
asio::awaitable<http::response> reserved(context ctx, http::request req, member_record me) {
  const auto w = window_of(req);
  if (!w) co_return fail(w.error());
  co_return success(rooms_json(co_await ctx.rooms.reserved(me.member_id, *w), false));
}

result<std::int64_t> room_in_body(const http::request& req) {
  const auto body = platform::json::parse_object(req.body());
  if (!body) return bad_request();
  return id_of(*body, "roomId");
}

// POST /api/v1/rooms/histories {roomId}: 201 {enterTime, exitTime:null}.
asio::awaitable<http::response> enter(context ctx, http::request req, member_record me) {
  const auto room_id = room_in_body(req);
  if (!room_id) co_return fail(room_id.error());
  auto entered = co_await ctx.rooms.enter(me.member_id, *room_id, platform::time::now_micros());
  if (!entered) co_return fail(entered.error());
  co_return created(entry_json(*entered));
}

// PATCH /api/v1/rooms/histories {roomId}: 201 {enterTime, exitTime}, or data null before the room starts.
asio::awaitable<http::response> leave(context ctx, http::request req, member_record me) {
  const auto room_id = room_in_body(req);
  if (!room_id) co_return fail(room_id.error());
  auto left = co_await ctx.rooms.leave(me.member_id, *room_id, platform::time::now_micros());
  if (!left) co_return fail(left.error());
  if (!*left) co_return created(nullptr);
  co_return created(entry_json(**left));
}

// GET /api/v1/rooms/nearest: my reservation ending soonest (memberIds null), or data null.
asio::awaitable<http::response> nearest(context ctx, http::request, member_record me) {
  const auto room = co_await ctx.rooms.nearest(me.member_id, platform::time::now_micros());
  if (!room) co_return success(nullptr);
  co_return success(room_json(*room, false));
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& rooms) {
  const context ctx{members, rooms};
  auto signed_in = [ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  using http::verb;
  routes.add(verb::get, "/api/v1/rooms", signed_in(group_rooms));
  routes.add(verb::get, "/api/v1/rooms/reservation", signed_in(reserved_in_group));
  routes.add(verb::get, "/api/v1/rooms/all", signed_in(reserved));
  routes.add(verb::post, "/api/v1/rooms/histories", signed_in(enter));
  routes.add(verb::patch, "/api/v1/rooms/histories", signed_in(leave));
  routes.add(verb::get, "/api/v1/rooms/nearest", signed_in(nearest));
}

}  // namespace bbodok::room
