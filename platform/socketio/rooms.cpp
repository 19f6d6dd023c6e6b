// Room channels on kv pub/sub: "socket.io#<nsp>#<room>" carries "<sender socket id>\x1f<packet>".
#include "platform/socketio/rooms.hpp"

#include <utility>

#include "platform/messaging/fanout.hpp"

namespace platform::socketio {

namespace detail {

struct room_member {
  std::shared_ptr<messaging::connection> to;
  std::string socket_id;
};

class room_channel {
 public:
  // The kv handler, on the publisher's thread: the packet is shared by every member.
  void deliver(std::string_view message) const {
    const auto split = message.find(unit_separator);
    if (split == std::string_view::npos) return;
    auto except = std::make_shared<const std::string>(message.substr(0, split));
    auto packet = messaging::make_payload(std::string(message.substr(split + 1)));
    members_.broadcast([except, packet](const room_member& member) {
      if (member.socket_id != *except) member.to->send(packet);
    });
  }

  void add(std::shared_ptr<const room_member> member) { members_.add(std::move(member)); }
  std::size_t remove(const room_member& member) { return members_.remove(member); }
  std::size_t size() const { return members_.size(); }

  static constexpr char unit_separator = '\x1f';

 private:
  messaging::fanout<room_member> members_;
};

}  // namespace detail

// What a join handle holds: the room and the member to remove, once.
class rooms::membership final : public messaging::subscription::state {
 public:
  membership(rooms* owner, std::string room, std::shared_ptr<const detail::room_member> member)
      : owner_(owner), room_(std::move(room)), member_(std::move(member)) {}

  void cancel() noexcept override {
    if (auto member = std::exchange(member_, nullptr)) owner_->leave(room_, *member);
  }

 private:
  rooms* owner_;
  std::string room_;
  std::shared_ptr<const detail::room_member> member_;
};

rooms::rooms(kv::pubsub& bus, std::string_view nsp) : bus_(bus), channel_prefix_("socket.io#") {
  channel_prefix_.append(nsp).push_back('#');
}

rooms::~rooms() = default;

std::string rooms::channel_of(std::string_view room) const { return channel_prefix_ + std::string(room); }

messaging::subscription rooms::join(const std::string& room, std::shared_ptr<messaging::connection> to,
                                    std::string socket_id) {
  auto member = std::make_shared<const detail::room_member>(detail::room_member{std::move(to), std::move(socket_id)});
  const std::lock_guard lock(mutex_);
  auto& entry = rooms_[room];
  if (!entry.channel) {
    entry.channel = std::make_shared<detail::room_channel>();
    entry.feed = bus_.subscribe(
        channel_of(room), [channel = entry.channel](std::string_view, const auto& body) { channel->deliver(*body); });
  }
  entry.channel->add(member);
  return messaging::subscription(std::make_shared<membership>(this, room, std::move(member)));
}

void rooms::leave(const std::string& room, const detail::room_member& member) noexcept {
  kv::subscription ended_feed;  // cancelled after the lock is released: it waits for a running delivery
  {
    const std::lock_guard lock(mutex_);
    const auto it = rooms_.find(room);
    if (it == rooms_.end()) return;
    if (it->second.channel->remove(member) == 0) {
      ended_feed = std::move(it->second.feed);
      rooms_.erase(it);
    }
  }
}

void rooms::broadcast(std::string_view room, std::string_view except_socket_id, std::string_view packet) {
  std::string message;
  message.reserve(except_socket_id.size() + 1 + packet.size());
  message.append(except_socket_id).push_back(detail::room_channel::unit_separator);
  message.append(packet);
  bus_.publish(channel_of(room), std::make_shared<const std::string>(std::move(message)));
}

std::size_t rooms::member_count(std::string_view room) const {
  const std::lock_guard lock(mutex_);
  const auto it = rooms_.find(std::string(room));
  return it == rooms_.end() ? 0 : it->second.channel->size();
}

}  // namespace platform::socketio
