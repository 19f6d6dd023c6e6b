// Refusals become STOMP ERROR frames (and end the connection), so only what a well-behaved frontend never
// does is refused; a blank TALK is simply not sent on, as the frontend's own input would not send it.
#include "apps/daengtionary/chat/realtime.hpp"

#include <optional>

#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/common/error_table.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "platform/http/message.hpp"
#include "platform/json/binding.hpp"

namespace daengtionary::chat {
namespace {

namespace stomp = platform::stomp;

constexpr std::string_view room_prefix = "/sub/chat/room/";

stomp::refusal refusal_of(errc e) { return stomp::refusal{std::string(describe(e).message)}; }

// A positive id written whole, as the destinations and principals carry them.
std::optional<std::int64_t> number_in(std::string_view text) {
  const auto value = platform::http::parse_int64(text);
  return value && *value > 0 ? value : std::nullopt;
}

// The room of a room destination, or nullopt for any other destination.
std::optional<std::int64_t> room_of(std::string_view destination) {
  if (!destination.starts_with(room_prefix)) return std::nullopt;
  return number_in(destination.substr(room_prefix.size()));
}

std::int64_t member_of(const stomp::principal& who) { return number_in(who.id).value_or(0); }

// A chat message SEND: {"roomNo": number or numeric string, "type": "ENTER"|"TALK"|…, "message": text}.
struct chat_send {
  std::int64_t room_no;
  std::string type;
  std::string message;
};

std::optional<chat_send> read_chat_send(std::string_view body) {
  const auto json = platform::json::parse_object(body);
  if (!json) return std::nullopt;
  bool wrong_type = false;
  const auto room = platform::json::whole_number_field(*json, "roomNo");
  const auto type = platform::json::text_field(*json, "type", &wrong_type);
  const auto message = platform::json::text_field(*json, "message", &wrong_type);
  if (wrong_type || !room || !type || *room < 1) return std::nullopt;
  return chat_send{*room, *type, message.value_or("")};
}

}  // namespace

realtime::realtime(member::service& members, service& chats) : members_(members), chats_(chats) {}

asio::awaitable<stomp::answer<stomp::principal>> realtime::authenticate(stomp::frame connect, std::string) {
  std::string authorization(connect.header("Authorization").value_or(connect.header("authorization").value_or("")));
  const auto member = co_await members_.authenticate(std::move(authorization));
  if (!member) co_return refusal_of(errc::invalid_token);
  co_return stomp::principal{std::to_string(member->member_no), member->nick};
}

asio::awaitable<stomp::verdict> realtime::authorize_subscribe(stomp::principal who, std::string destination) {
  const auto room = room_of(destination);
  if (!room || !co_await chats_.is_member(member_of(who), *room)) co_return refusal_of(errc::not_found_chat_room);
  co_return std::nullopt;
}

asio::awaitable<stomp::verdict> realtime::on_send(stomp::principal who, std::string destination, stomp::frame sent) {
  if (destination != message_destination) co_return stomp::refusal{"Unknown destination " + destination};
  const auto request = read_chat_send(sent.body);
  if (!request) co_return refusal_of(errc::not_valid_content);
  const std::int64_t me = member_of(who);
  if (request->type == "ENTER") {
    auto entered = co_await chats_.enter(me, request->room_no);
    if (!entered) co_return refusal_of(entered.error());
  } else if (request->type == "TALK" && !is_blank(request->message)) {
    auto stored = co_await chats_.talk(me, request->room_no, request->message);
    if (!stored) co_return refusal_of(stored.error());
  }
  co_return std::nullopt;
}

asio::awaitable<void> realtime::on_unsubscribe(stomp::principal who, std::string destination) {
  if (const auto room = room_of(destination)) co_await chats_.mark_read(member_of(who), *room);
}

asio::awaitable<void> realtime::on_disconnect(stomp::principal who, std::vector<std::string> destinations) {
  for (const auto& destination : destinations) {
    if (const auto room = room_of(destination)) co_await chats_.mark_read(member_of(who), *room);
  }
}

}  // namespace daengtionary::chat
