// The Socket.IO handler of one Engine.IO session: CONNECT, EVENT, ACK and DISCONNECT for each namespace, the connect
// timeout, and the table of served namespaces.
#include "platform/socketio/socket_server.hpp"

#include <random>
#include <stdexcept>
#include <utility>

#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "platform/auth/base64.hpp"

namespace platform::socketio {

struct socket_server::served_namespace {
  served_namespace(kv::pubsub& bus, std::string_view name, application& served) : app(served), nsp_rooms(bus, name) {}
  application& app;
  rooms nsp_rooms;
};

namespace {

std::string fresh_socket_id() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::string bytes(15, '\0');
  for (auto& b : bytes) b = static_cast<char>(generator() & 0xff);
  return auth::base64url_encode(bytes);
}

std::string event_packet(std::string_view nsp, std::string_view event, boost::json::array args) {
  args.insert(args.begin(), boost::json::string(event));
  return encode_socket_packet(
      {socket_type::event, std::string(nsp), std::nullopt, 0, boost::json::value(std::move(args))});
}

std::string connect_error(std::string_view nsp, std::string_view message) {
  return encode_socket_packet({socket_type::connect_error, std::string(nsp), std::nullopt, 0,
                               boost::json::value(boost::json::object{{"message", message}})});
}

using namespace_table = std::map<std::string, std::unique_ptr<socket_server::served_namespace>, std::less<>>;

class protocol_handler final : public messaging::handler, public std::enable_shared_from_this<protocol_handler> {
 public:
  protocol_handler(const namespace_table& namespaces, const socket_options& options)
      : namespaces_(namespaces), options_(options) {}

  // The connect timeout starts with the session and is cancelled by the first namespace connected.
  void on_open(std::shared_ptr<messaging::connection> c) override {
    connect_deadline_.emplace(c->executor());
    connect_deadline_->expires_after(options_.connect_timeout);
    connect_deadline_->async_wait(
        [self = weak_from_this(), c = std::weak_ptr<messaging::connection>(c)](const boost::system::error_code& ec) {
          if (ec) return;  // cancelled: a namespace connected, or the session ended
          const auto protocol = self.lock();
          const auto connection = c.lock();
          if (!protocol || !connection || protocol->connected_once_) return;
          spdlog::debug("socket.io {}: no namespace connected within {} ms, closing", connection->id(),
                        protocol->options_.connect_timeout.count());
          connection->close(messaging::close_codes::policy_violation, "connect timeout");
        });
  }

  asio::awaitable<void> on_message(std::shared_ptr<messaging::connection> c, std::string message) override {
    auto packet = decode_socket_packet(message, options_.limits);
    if (!packet || packet->type == socket_type::binary_event || packet->type == socket_type::binary_ack) {
      spdlog::debug("socket.io {}: refused packet, closing", c->id());
      c->close(messaging::close_codes::protocol_error, "bad packet");
      co_return;
    }
    switch (packet->type) {
      case socket_type::connect:
        co_await connect(std::move(c), std::move(packet->nsp), std::move(packet->data));
        break;
      case socket_type::event:
        co_await event(std::move(c), std::move(*packet));
        break;
      case socket_type::disconnect:
        disconnected(packet->nsp);
        break;
      default:
        break;  // acks of our emits: we ask for none
    }
  }

  void on_close(std::shared_ptr<messaging::connection>) override {
    closed_ = true;
    if (connect_deadline_) connect_deadline_->cancel();
    while (!sockets_.empty()) disconnected(sockets_.begin()->first);
  }

 private:
  asio::awaitable<void> connect(std::shared_ptr<messaging::connection> c, std::string nsp,
                                std::optional<boost::json::value> auth) {
    const auto served = namespaces_.find(nsp);
    if (served == namespaces_.end()) {
      c->send(connect_error(nsp, "Invalid namespace"));
      co_return;
    }
    if (sockets_.contains(nsp)) co_return;  // connected already
    auto s = std::make_shared<socket>(c, served->second->nsp_rooms, nsp, fresh_socket_id(),
                                      auth ? std::move(*auth) : boost::json::value());
    boost::json::value auth_payload = s->auth();
    const bool accepted = co_await served->second->app.on_connect(s, std::move(auth_payload));
    if (closed_) {  // the session ended while the application decided
      if (accepted) served->second->app.on_disconnect(s);
      co_return;
    }
    if (!accepted) {
      c->send(connect_error(nsp, "Not authorized"));
      co_return;
    }
    connected_once_ = true;
    if (connect_deadline_) connect_deadline_->cancel();
    c->send(encode_socket_packet(
        {socket_type::connect, nsp, std::nullopt, 0, boost::json::value(boost::json::object{{"sid", s->id()}})}));
    sockets_.emplace(std::move(nsp), s);
    served->second->app.on_connected(s);
  }

  asio::awaitable<void> event(std::shared_ptr<messaging::connection> c, socket_packet packet) {
    const auto found = sockets_.find(packet.nsp);
    if (found == sockets_.end()) co_return;  // not connected to the namespace: the reference server ignores it too
    const auto s = found->second;
    auto& args = packet.data->as_array();
    const auto& name = args.front();
    std::string event_name = name.is_string() ? std::string(name.get_string()) : boost::json::serialize(name);
    args.erase(args.begin());
    std::optional<acknowledge> ack;
    if (packet.id) {
      ack = [c, nsp = packet.nsp, id = *packet.id, answered = std::make_shared<bool>(false)](boost::json::array reply) {
        if (std::exchange(*answered, true)) return;
        c->send(encode_socket_packet({socket_type::ack, nsp, id, 0, boost::json::value(std::move(reply))}));
      };
    }
    co_await namespaces_.find(packet.nsp)
        ->second->app.on_event(s, std::move(event_name), std::move(args), std::move(ack));
  }

  void disconnected(std::string_view nsp) {
    const auto found = sockets_.find(nsp);
    if (found == sockets_.end()) return;
    auto s = std::move(found->second);
    sockets_.erase(found);
    try {
      namespaces_.find(s->nsp())->second->app.on_disconnect(s);
    } catch (const std::exception& e) {
      spdlog::error("socket.io socket {} on_disconnect failed: {}", s->id(), e.what());
    }
  }

  const namespace_table& namespaces_;
  const socket_options& options_;
  std::map<std::string, std::shared_ptr<socket>, std::less<>> sockets_;  // by namespace, once connected
  std::optional<boost::asio::steady_timer> connect_deadline_;
  bool connected_once_ = false;
  bool closed_ = false;  // on_close ran: a CONNECT still in on_connect connects nothing
};

}  // namespace

socket::socket(std::shared_ptr<messaging::connection> connection, rooms& nsp_rooms, std::string nsp, std::string id,
               boost::json::value auth)
    : connection_(std::move(connection)),
      rooms_(nsp_rooms),
      nsp_(std::move(nsp)),
      id_(std::move(id)),
      auth_(std::move(auth)) {}

socket::~socket() = default;

void socket::emit(std::string_view event, boost::json::array args) const {
  connection_->send(event_packet(nsp_, event, std::move(args)));
}

void socket::broadcast(std::string_view room, std::string_view event, boost::json::array args) const {
  rooms_.broadcast(room, id_, event_packet(nsp_, event, std::move(args)));
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
void application::on_connected(const std::shared_ptr<socket>&) {}
void application::on_disconnect(const std::shared_ptr<socket>&) {}

socket_server::socket_server(kv::pubsub& bus, application& main, socket_options options)
    : bus_(bus), options_(options) {
  add_namespace("/", main);
}

socket_server::~socket_server() = default;

void socket_server::add_namespace(std::string name, application& app) {
  if (name.empty() || name.front() != '/' || name.find_first_of("#,") != std::string::npos) {
    throw std::invalid_argument("socket.io namespace must start with '/' and hold no '#' or ',': " + name);
  }
  if (namespaces_.contains(name)) throw std::invalid_argument("socket.io namespace served twice: " + name);
  auto served = std::make_unique<served_namespace>(bus_, name, app);
  namespaces_.emplace(std::move(name), std::move(served));
}

handler_factory socket_server::factory() {
  return [this](const session_request&) -> std::shared_ptr<messaging::handler> {
    return std::make_shared<protocol_handler>(namespaces_, options_);
  };
}

}  // namespace platform::socketio
