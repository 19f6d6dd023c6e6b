// Chat routes: every one needs a member; ids come as JSON numbers or numeric strings, as the frontend sends them.
#include "apps/daengtionary/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/daengtionary/chat/message_json.hpp"
#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "platform/json/request_body.hpp"

namespace daengtionary::chat {
namespace {

namespace http = platform::http;

struct context {
  member::service& members;
  service& chats;
};

// The id in a JSON body such as {"memberNo": 3} or {"roomNo": "5"}; not_valid_content when it is not a whole number.
result<std::int64_t> id_in_body(const http::request& req, std::string_view key) {
  const auto id = platform::json::whole_number_field(platform::json::read_object(req.body()), key);
  if (!id) return errc::not_valid_content;
  return *id;
}

// ?before=<messageNo>&size=<n>, both optional: non-numeric → the framework's 400, out of range →
// not_valid_content.
result<message_window> window_of(const http::request& req) {
  message_window window;
  if (req.query_value("before")) window.before = req.required_query_int("before");
  if (req.query_value("size")) window.size = req.required_query_int("size");
  if ((window.before && *window.before < 1) || (window.size && (*window.size < 1 || *window.size > max_page_size))) {
    return errc::not_valid_content;
  }
  return window;
}

boost::json::object room_json(const room_summary& summary) {
  boost::json::array members;
  for (const auto& member : summary.members) {
    members.push_back(boost::json::object{{"memberNo", member.member_no}, {"nick", member.nick}});
  }
  boost::json::object room = dto_json(summary.room);
  room["chatRoomMembers"] = std::move(members);
  // Non-null only, as the original: a room without messages simply has no last message.
  if (summary.last_date) room["lastDate"] = *summary.last_date;
  if (summary.last_message) room["lastMessage"] = *summary.last_message;
  room["unreadCnt"] = summary.unread;
  return room;
}

// POST /chat/room/personal {memberNo}: 200 {roomNo} 채팅방 준비 완료; 400 CANNOT_CHAT_WITH_ME, NOT_VALIDCONTENT;
// 401; 404 NOT_FOUND_USER_INFO.
asio::awaitable<http::response> open_personal_room(context ctx, http::request req, member::member_record me) {
  const auto other = id_in_body(req, "memberNo");
  if (!other) co_return fail(other.error());
  auto room_no = co_await ctx.chats.open_personal_room(me.member_no, *other);
  if (!room_no) co_return fail(room_no.error());
  co_return ok(boost::json::object{{"roomNo", *room_no}}, "채팅방 준비 완료");
}

// POST /chat/room/into {roomNo}: 200 참여가 완료되었습니다 :); 400 NOT_VALIDCONTENT; 401; 404 NOT_FOUND_CHAT_ROOM.
asio::awaitable<http::response> into_room(context ctx, http::request req, member::member_record me) {
  const auto room_no = id_in_body(req, "roomNo");
  if (!room_no) co_return fail(room_no.error());
  const auto joined = co_await ctx.chats.join(me.member_no, *room_no);
  co_return ok_or_fail(joined, "참여가 완료되었습니다 :)");
}

// GET /chat/rooms: 200 the caller's rooms, most recent activity first; 401.
asio::awaitable<http::response> rooms(context ctx, http::request, member::member_record me) {
  const auto mine = co_await ctx.chats.rooms(me.member_no);
  co_return ok(json_array(mine, room_json), "채팅방 조회 완료");
}

// GET /chat/messages/{roomNo}[?before&size]: 200 ascending messages; 400; 401; 404 NOT_FOUND_CHAT_ROOM (also for
// a room the caller is not in).
asio::awaitable<http::response> messages(context ctx, http::request req, member::member_record me) {
  const auto room_no = req.path_int("roomNo");
  const auto window = window_of(req);
  if (!window) co_return fail(window.error());
  auto found = co_await ctx.chats.messages(me.member_no, room_no, *window);
  if (!found) co_return fail(found.error());
  co_return ok(json_array(*found, message_json), "메세지 조회 완료");
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& chats) {
  using http::verb;
  const context ctx{members, chats};
  auto signed_in = [ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  routes.add(verb::post, "/chat/room/personal", signed_in(open_personal_room));
  routes.add(verb::post, "/chat/room/into", signed_in(into_room));
  routes.add(verb::get, "/chat/rooms", signed_in(rooms));
  routes.add(verb::get, "/chat/messages/{roomNo}", signed_in(messages));
}

}  // namespace daengtionary::chat
