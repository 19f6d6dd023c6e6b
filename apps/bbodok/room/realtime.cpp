// Reading the frames' JSON strictly: a field of the wrong type, a bad datetime or a non-positive id is refused
// with an ERROR frame before anything is looked up.
#include "apps/bbodok/room/realtime.hpp"

#include <charconv>
#include <optional>

#include "apps/bbodok/group/memberships.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/room/booking.hpp"
#include "platform/json/binding.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::room {
namespace {

namespace stomp = platform::stomp;

constexpr std::string_view topic_prefix = "/topic/";

stomp::refusal refusal_of(const failure& f) { return stomp::refusal{f.message}; }
stomp::refusal unreadable() { return refusal_of(bad_request()); }

std::optional<std::int64_t> positive_number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::optional<std::int64_t> id_field(const boost::json::object& json, std::string_view key) {
  const auto id = platform::json::whole_number_field(json, key);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

std::optional<std::int64_t> time_field(const boost::json::object& json, std::string_view key) {
  const auto* field = json.if_contains(key);
  if (field == nullptr || !field->is_string()) return std::nullopt;
  return platform::time::parse_seoul_local_datetime(field->get_string());
}

}  // namespace

realtime::realtime(member::service& members, booking& rooms, group::memberships& groups)
    : members_(members), rooms_(rooms), groups_(groups) {}

asio::awaitable<stomp::answer<stomp::principal>> realtime::authenticate(stomp::frame connect, std::string) {
  std::string authorization(connect.header("Authorization").value_or(connect.header("authorization").value_or("")));
  const auto member = co_await members_.authenticate(std::move(authorization));
  if (!member) co_return refusal_of(unauthenticated());
  co_return stomp::principal{std::to_string(member->member_id), member->name};
}

asio::awaitable<stomp::verdict> realtime::authorize_subscribe(stomp::principal who, std::string destination) {
  const auto member_id = positive_number(who.id).value_or(0);
  std::optional<std::int64_t> group_id;
  if (destination.starts_with(topic_prefix)) group_id = positive_number(destination.substr(topic_prefix.size()));
  if (!group_id) co_return refusal_of(forbidden());
  // Awaited into a variable: GCC 12 miscompiles a co_await inside an if condition of this coroutine shape.
  const bool member = co_await groups_.contains(member_id, *group_id);
  if (!member) co_return refusal_of(not_a_member(member_id, *group_id));
  co_return std::nullopt;
}

asio::awaitable<stomp::verdict> realtime::on_send(stomp::principal who, std::string destination, stomp::frame sent) {
  const auto member_id = positive_number(who.id).value_or(0);
  const auto json = platform::json::parse_object(sent.body);
  if (!json) co_return unreadable();
  const auto group_id = id_field(*json, "groupId");
  const std::int64_t now = platform::time::now_micros();
  result<void> done;
  if (destination == "/app/add") {
    const auto start = time_field(*json, "startTime");
    const auto end = time_field(*json, "endTime");
    if (!group_id || !start || !end) co_return unreadable();
    done = co_await rooms_.add(member_id, *group_id, *start, *end, now);
  } else if (destination == "/app/join") {
    const auto room_id = id_field(*json, "roomId");
    if (!group_id || !room_id) co_return unreadable();
    done = co_await rooms_.toggle(member_id, *room_id, *group_id, now);
  } else {
    co_return stomp::refusal{"Unknown destination " + destination};
  }
  if (!done) co_return refusal_of(done.error());
  co_return std::nullopt;
}

}  // namespace bbodok::room
