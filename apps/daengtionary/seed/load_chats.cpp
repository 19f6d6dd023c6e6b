// The demo set's personal (1:1) chat rooms, so a demo member's chat list is not empty.
#include <stdexcept>

#include <fmt/format.h>

#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/seed/loaders.hpp"

namespace daengtionary::seed {
namespace {

void load_messages(demo_set& set, const boost::json::object& chat, std::int64_t room_no) {
  for (const auto& entry : list(chat, "messages")) {
    const auto& item = entry.as_object();
    const std::string message = text(item, "text");
    require_valid(chat::validate_talk(message), "chat message", message);
    const auto& sender = item.at("from");
    if (!chat::store_talk(set.db(), set.member(sender), room_no, message, set.next_timestamp())) {
      throw std::runtime_error(
          fmt::format("demo data: \"{}\" talks in a chat it is not in", std::string_view(sender.as_string())));
    }
  }
}

}  // namespace

void load_chats(demo_set& set) {
  for (const auto& entry : list(set.document(), "chats")) {
    const auto& chat = entry.as_object();
    const auto& pair = list(chat, "members");
    if (pair.size() != 2) throw std::runtime_error("demo data: a personal chat has two \"members\"");
    const std::int64_t a = set.member(pair[0]);
    const std::int64_t b = set.member(pair[1]);
    if (a == b) throw std::runtime_error("demo data: a personal chat is between two members");
    const auto started = chat::create_personal_room(set.db(), a, b, set.next_timestamp());
    if (!started) throw std::runtime_error("demo data: two personal chats for one pair");
    load_messages(set, chat, started->room_no);
  }
}

}  // namespace daengtionary::seed
