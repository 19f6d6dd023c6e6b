// Command names and header lookup for STOMP frames.
#include "platform/stomp/frame.hpp"

#include <array>
#include <cstddef>

namespace platform::stomp {
namespace {

constexpr std::array<std::pair<command, std::string_view>, 15> command_names{{
    {command::connect, "CONNECT"},
    {command::stomp, "STOMP"},
    {command::connected, "CONNECTED"},
    {command::send, "SEND"},
    {command::subscribe, "SUBSCRIBE"},
    {command::unsubscribe, "UNSUBSCRIBE"},
    {command::ack, "ACK"},
    {command::nack, "NACK"},
    {command::begin, "BEGIN"},
    {command::commit, "COMMIT"},
    {command::abort, "ABORT"},
    {command::disconnect, "DISCONNECT"},
    {command::message, "MESSAGE"},
    {command::receipt, "RECEIPT"},
    {command::error, "ERROR"},
}};

// to_string indexes the table by enumerator, so it must list them in declaration order.
constexpr bool in_declaration_order() {
  for (std::size_t i = 0; i < command_names.size(); ++i) {
    if (static_cast<std::size_t>(command_names[i].first) != i) return false;
  }
  return true;
}
static_assert(in_declaration_order());

}  // namespace

std::string_view to_string(command cmd) { return command_names.at(static_cast<std::size_t>(cmd)).second; }

std::optional<command> command_from_string(std::string_view name) {
  for (const auto& [value, wire_name] : command_names) {
    if (wire_name == name) return value;
  }
  return std::nullopt;
}

bool escapes_headers(command cmd) { return cmd != command::connect && cmd != command::connected; }

std::optional<std::string_view> frame::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace platform::stomp
