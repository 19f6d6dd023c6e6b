// The Socket.IO handler of one Engine.IO session: CONNECT, EVENT, ACK and DISCONNECT for the main namespace.
#include "platform/socketio/socket_server.hpp"

#include <random>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "platform/auth/base64.hpp"

namespace platform::socketio {
namespace {

std::string fresh_socket_id() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::string bytes(15, '\0');
  for (auto& b : bytes) b = static_cast<char>(generator() & 0xff);
  return auth::base64url_encode(bytes);
}

std::string event_packet(std::string_view event, boost::json::array args, std::optional<std::uint64_t> id = {}) {
  args.insert(args.begin(), boost::json::string(event));
  return encode_socket_packet({socket_type::event, "/", id, 0, boost::json::value(std::move(args))});
}

std::string connect_error(std::string_view nsp, std::string_view message) {
  return encode_socket_packet({socket_type::connect_error, std::string(nsp), std::nullopt, 0,
                               boost::json::value(boost::json::object{{"message", message}})});
}

class protocol_handler final : public messaging::handler {
 public:
  protocol_handler(application& app, rooms& all_rooms, const socket_options& options)
      : app_(app), rooms_(all_rooms), options_(options) {}

  void on_open(std::shared_ptr<messaging::connection>) override {}

  asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> c, std::string message) override {
    auto packet = decode_socket_packet(message, options_.limits);
    if (!packet || packet->type == socket_type::binary_event || packet->type == socket_type::binary_ack) {
      spdlog::debug("socket.io {}: refused packet, closing", c->id());
      c->close(messaging::close_codes::protocol_error, "bad packet");
      co_return;
    }
    if (packet->nsp != "/") {
      if (packet->type == socket_type::connect) c->send(connect_error(packet->nsp, "Invalid namespace"));
      co_return;
    }
    switch (packet->type) {
      case socket_type::connect:
        co_await connect(std::move(c), std::move(packet->data));
        break;
      case socket_type::event:
        co_await event(std::move(c), std::move(*packet));
        break;
      case socket_type::disconnect:
        disconnected();
        break;
      default:
        break;  // acks of our emits: we ask for none
    }
  }

  void on_close(std::shared_ptr<messaging::connection>) override { disconnected(); }

 private:
  asio::awaitable<void> connect(std::shared_ptr<messaging::connection> c, std::optional<boost::json::value> auth) {
    if (socket_) co_return;  // connected already
    auto s = std::make_shared<socket>(c, rooms_, fresh_socket_id());
    boost::json::value payload = auth ? std::move(*auth) : boost::json::value();
    if (!co_await app_.on_connect(s, std::move(payload))) {
      c->send(connect_error("/", "Not authorized"));
      co_return;
    }
    socket_ = std::move(s);
    c->send(encode_socket_packet(
        {socket_type::connect, "/", std::nullopt, 0, boost::json::value(boost::json::object{{"sid", socket_->id()}})}));
  }

  asio::awaitable<void> event(std::shared_ptr<messaging::connection> c, socket_packet packet) {
    if (!socket_) co_return;  // not connected to "/": the reference server ignores it too
    auto& args = packet.data->as_array();
    const auto& name = args.front();
    std::string event_name = name.is_string() ? std::string(name.get_string()) : boost::json::serialize(name);
    args.erase(args.begin());
    std::optional<acknowledge> ack;
    if (packet.id) {
      ack = [c, id = *packet.id, answered = std::make_shared<bool>(false)](boost::json::array reply) {
        if (std::exchange(*answered, true)) return;
        c->send(encode_socket_packet({socket_type::ack, "/", id, 0, boost::json::value(std::move(reply))}));
      };
    }
    co_await app_.on_event(socket_, std::move(event_name), std::move(args), std::move(ack));
  }

  void disconnected() {
    auto s = std::move(socket_);
    if (!s) return;
    try {
      app_.on_disconnect(s);
    } catch (const std::exception& e) {
      spdlog::error("socket.io socket {} on_disconnect failed: {}", s->id(), e.what());
    }
  }

  application& app_;
  rooms& rooms_;
  const socket_options& options_;
  std::shared_ptr<socket> socket_;  // once connected to "/"
};

}  // namespace

socket::socket(std::shared_ptr<messaging::connection> connection, rooms& all_rooms, std::string id)
    : connection_(std::move(connection)), rooms_(all_rooms), id_(std::move(id)) {}

socket::~socket() = default;

void socket::emit(std::string_view event, boost::json::array args) const {
  connection_->send(event_packet(event, std::move(args)));
}

void socket::broadcast(std::string_view room, std::string_view event, boost::json::array args) const {
  rooms_.broadcast(room, id_, event_packet(event, std::move(args)));
}

void socket::join(const std::string& room) {
  if (memberships_.contains(room)) return;
  memberships_.emplace(room, rooms_.join(room, connection_, id_));
}

void socket::leave(const std::string& room) {
  if (const auto it = memberships_.find(room); it != memberships_.end()) memberships_.erase(it);
}

bool socket::in_room(const std::string& room) const { return memberships_.contains(room); }

void socket::disconnect() const { connection_->close(messaging::close_codes::normal, "server disconnect"); }

application::~application() = default;
void application::on_disconnect(const std::shared_ptr<socket>&) {}

socket_server::socket_server(kv::pubsub& bus, application& app, socket_options options)
    : app_(app), options_(options), rooms_(bus) {}

handler_factory socket_server::factory() {
  return [this](const session_request&) -> std::shared_ptr<messaging::handler> {
    return std::make_shared<protocol_handler>(app_, rooms_, options_);
  };
}

}  // namespace platform::socketio
