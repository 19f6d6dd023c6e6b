// Daengtionary's chat repository and service over the real migrations, on SQLite and on PostgreSQL.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "apps/daengtionary/chat/message_json.hpp"
#include "apps/daengtionary/chat/repository.hpp"
#include "apps/daengtionary/chat/service.hpp"
#include "apps/daengtionary/member/repository.hpp"
#include "platform/kv/in_process_pubsub.hpp"
#include "platform/sql/connection.hpp"
#include "platform/sql/error.hpp"
#include "tests/db/daengtionary_database.hpp"
#include "tests/db/run_awaitable.hpp"

namespace {

namespace sql = platform::sql;
namespace asio = platform::asio;
namespace chats = daengtionary::chat::repository;
namespace members = daengtionary::member::repository;
using daengtionary::errc;
using daengtionary::chat::message_record;
using daengtionary::chat::message_window;
using daengtionary::chat::new_message;
using daengtionary::member::new_member;
using test_db::count_rows;
using test_db::run_awaitable;
using test_db::t0;

std::vector<std::int64_t> ids(const std::vector<message_record>& messages) {
  std::vector<std::int64_t> out;
  for (const auto& message : messages) out.push_back(message.message_no);
  return out;
}

// What a subscriber of one channel received.
struct received {
  std::mutex mutex;
  std::vector<std::string> payloads;

  std::vector<std::string> all() {
    const std::lock_guard lock(mutex);
    return payloads;
  }
};

template <class Backend>
class Chat : public test_db::daengtionary_database<Backend> {
 protected:
  Chat() : test_db::daengtionary_database<Backend>("chat_dbtest", 6) {}

  void prepare() override {
    alice_ = this->add_member("a@example.com", "앨리스");
    bob_ = this->add_member("b@example.com", "bob");
    carol_ = this->add_member("c@example.com", "carol");
    service_.emplace(this->scratch_.db(), broadcasts_);
  }

  daengtionary::chat::service& service() { return *service_; }

  std::int64_t group(const std::string& title, std::int64_t created_at = t0) {
    return *chats::insert_room(this->conn(), "group", title, std::nullopt, created_at);
  }

  std::int64_t say(std::int64_t room_no, std::optional<std::int64_t> member_no, const std::string& sender,
                   const std::string& text, std::int64_t at = t0, const char* type = "TALK") {
    return chats::insert_message(this->conn(), new_message{room_no, type, member_no, sender, text, at, "날짜 " + text});
  }

  // Subscribes to a room's channel for the rest of the test.
  std::shared_ptr<received> listen(std::int64_t room_no) {
    auto inbox = std::make_shared<received>();
    subscriptions_.push_back(
        broadcasts_.subscribe(daengtionary::chat::room_channel(room_no),
                              [inbox](std::string_view, const std::shared_ptr<const std::string>& payload) {
                                const std::lock_guard lock(inbox->mutex);
                                inbox->payloads.push_back(*payload);
                              }));
    return inbox;
  }

  platform::kv::in_process_pubsub broadcasts_;
  std::vector<platform::kv::subscription> subscriptions_;
  std::optional<daengtionary::chat::service> service_;
  std::int64_t alice_ = 0;
  std::int64_t bob_ = 0;
  std::int64_t carol_ = 0;
};

TYPED_TEST_SUITE(Chat, test_db::backends, test_db::backend_names);

// ---- repository ---------------------------------------------------------------------------------------

TYPED_TEST(Chat, KeepsOnePersonalRoomPerPairByTheUniqueKey) {
  const auto room = chats::insert_room(this->conn(), "personal", "1:1", std::string("1:2"), t0);
  ASSERT_TRUE(room.has_value());
  EXPECT_EQ(chats::insert_room(this->conn(), "personal", "1:1", std::string("1:2"), t0), std::nullopt);
  EXPECT_EQ(chats::find_personal_room(this->conn(), "1:2"), room);
  EXPECT_EQ(chats::find_personal_room(this->conn(), "1:3"), std::nullopt);
  EXPECT_THROW(this->conn().execute(
                   "INSERT INTO chat_room (type, title, personal_key, created_at) VALUES ('personal', 'x', '1:2', 0)"),
               sql::unique_violation)
      << "the schema itself refuses a second room for the pair";
  EXPECT_NE(this->group("산책"), this->group("산책")) << "group rooms have no key";
  EXPECT_EQ(count_rows(this->conn(), "chat_room"), 3);
  const auto found = chats::find_room(this->conn(), *room);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->type, "personal");
  EXPECT_EQ(found->title, "1:1");
  EXPECT_THROW(chats::insert_room(this->conn(), "secret", "x", std::nullopt, t0), sql::error);
}

TYPED_TEST(Chat, AddsAMemberOnceAndEntersOnce) {
  const auto room = this->group("산책");
  EXPECT_EQ(chats::find_membership(this->conn(), room, this->alice_), std::nullopt);
  EXPECT_TRUE(chats::add_member(this->conn(), room, this->alice_, t0));
  EXPECT_FALSE(chats::add_member(this->conn(), room, this->alice_, t0));
  const auto joined = chats::find_membership(this->conn(), room, this->alice_);
  ASSERT_TRUE(joined.has_value());
  EXPECT_FALSE(joined->entered);
  EXPECT_EQ(joined->last_read_message_no, 0);
  EXPECT_TRUE(chats::mark_entered(this->conn(), room, this->alice_));
  EXPECT_FALSE(chats::mark_entered(this->conn(), room, this->alice_));
  EXPECT_FALSE(chats::mark_entered(this->conn(), room, this->bob_)) << "not a member";
  EXPECT_TRUE(chats::find_membership(this->conn(), room, this->alice_)->entered);
  EXPECT_EQ(count_rows(this->conn(), "chat_room_member"), 1);
}

TYPED_TEST(Chat, ShowsTheCurrentNickAsSenderAndSystemForSystemMessages) {
  const auto room = this->group("산책");
  const auto system = this->say(room, std::nullopt, "SYSTEM", "대화가 시작되었습니다 :)", t0, "SYSTEM");
  const auto by_alice = this->say(room, this->alice_, "앨리스", "안녕");
  const auto by_bob = this->say(room, this->bob_, "bob", "반가워", t0, "ENTER");
  members::update_nick(this->conn(), this->alice_, "새이름", t0);
  this->conn().execute("DELETE FROM member WHERE member_no = ?", {this->bob_});

  const auto messages = chats::messages_of(this->conn(), room, message_window{});
  ASSERT_EQ(ids(messages), (std::vector<std::int64_t>{system, by_alice, by_bob}));
  EXPECT_EQ(messages[0].type, "SYSTEM");
  EXPECT_EQ(messages[0].sender, "SYSTEM");
  EXPECT_EQ(messages[1].sender, "새이름") << "renaming does not detach old messages";
  EXPECT_EQ(messages[1].room_no, room);
  EXPECT_EQ(messages[1].type, "TALK");
  EXPECT_EQ(messages[1].message, "안녕");
  EXPECT_EQ(messages[1].date, "날짜 안녕");
  EXPECT_EQ(messages[2].sender, "bob") << "a deleted member's messages keep the stored nick";
  EXPECT_EQ(messages[2].type, "ENTER");
  EXPECT_EQ(chats::find_message(this->conn(), by_alice)->sender, "새이름");
  EXPECT_THROW(this->say(room, std::nullopt, "x", "y", t0, "SHOUT"), sql::error);
}

TYPED_TEST(Chat, OrdersMessagesAscendingAndPagesBeforeAnId) {
  const auto room = this->group("산책");
  const auto other = this->group("다른 방");
  std::vector<std::int64_t> all;
  for (int i = 0; i < 5; ++i) {
    all.push_back(this->say(room, this->alice_, "앨리스", std::to_string(i)));
    this->say(other, this->bob_, "bob", "다른 " + std::to_string(i));
  }
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids(chats::messages_of(this->conn(), room, message_window{})), all);
  EXPECT_EQ(ids(chats::messages_of(this->conn(), room, message_window{all[3], 2})), (V{all[1], all[2]}));
  EXPECT_EQ(ids(chats::messages_of(this->conn(), room, message_window{all[1], 5})), (V{all[0]}));
  EXPECT_EQ(ids(chats::messages_of(this->conn(), room, message_window{all[0], 5})), (V{}));
  EXPECT_EQ(ids(chats::messages_of(this->conn(), room, message_window{std::nullopt, 2})), (V{all[3], all[4]}));
  EXPECT_EQ(ids(chats::messages_of(this->conn(), room, message_window{all[2], std::nullopt})), (V{all[0], all[1]}));
  EXPECT_EQ(chats::newest_message_no(this->conn(), room), all[4]);
  EXPECT_EQ(chats::newest_message_no(this->conn(), this->group("빈 방")), 0);
}

TYPED_TEST(Chat, ListsRoomsByRecentActivityWithMembersLastMessageAndUnreadCounts) {
  const auto personal = *chats::insert_room(this->conn(), "personal", "1:1", std::string("k"), t0);
  const auto walk = this->group("산책", t0 + 1);
  const auto empty = this->group("빈 방", t0 + 5);
  const auto foreign = this->group("남의 방", t0 + 9);
  chats::add_member(this->conn(), personal, this->alice_, t0);
  chats::add_member(this->conn(), personal, this->bob_, t0 + 1);
  chats::add_member(this->conn(), walk, this->carol_, t0);
  chats::add_member(this->conn(), walk, this->alice_, t0 + 1);
  chats::add_member(this->conn(), empty, this->alice_, t0);
  chats::add_member(this->conn(), foreign, this->bob_, t0);

  this->say(personal, std::nullopt, "SYSTEM", "대화가 시작되었습니다 :)", t0 + 2, "SYSTEM");
  const auto read_up_to = this->say(personal, this->bob_, "bob", "하나", t0 + 3);
  this->say(personal, this->bob_, "bob", "둘", t0 + 4);
  this->say(personal, this->alice_, "앨리스", "내 말", t0 + 6);
  this->say(personal, this->bob_, "bob", "셋", t0 + 7);
  this->say(walk, this->carol_, "carol", "산책 가요", t0 + 8);
  this->say(foreign, this->bob_, "bob", "안 보임", t0 + 10);
  chats::mark_read(this->conn(), personal, this->alice_, read_up_to);

  const auto rooms = chats::rooms_of(this->conn(), this->alice_);
  ASSERT_EQ(rooms.size(), 3U);
  EXPECT_EQ(rooms[0].room.room_no, walk) << "last message at t0+8";
  EXPECT_EQ(rooms[1].room.room_no, personal) << "last message at t0+7";
  EXPECT_EQ(rooms[2].room.room_no, empty) << "no message: its creation (t0+5) counts";

  EXPECT_EQ(rooms[0].room.type, "group");
  EXPECT_EQ(rooms[0].room.title, "산책");
  EXPECT_EQ(rooms[0].last_message, std::optional<std::string>("산책 가요"));
  EXPECT_EQ(rooms[0].last_date, std::optional<std::string>("날짜 산책 가요"));
  EXPECT_EQ(rooms[0].unread, 1);
  ASSERT_EQ(rooms[0].members.size(), 2U);
  EXPECT_EQ(rooms[0].members[0].member_no, this->carol_) << "joining order";
  EXPECT_EQ(rooms[0].members[0].nick, "carol");
  EXPECT_EQ(rooms[0].members[1].nick, "앨리스");

  EXPECT_EQ(rooms[1].room.type, "personal");
  EXPECT_EQ(rooms[1].last_message, std::optional<std::string>("셋"));
  EXPECT_EQ(rooms[1].unread, 2) << "after the read mark: 둘 and 셋, not alice's own";
  EXPECT_EQ(rooms[1].members.size(), 2U);

  EXPECT_EQ(rooms[2].last_message, std::nullopt);
  EXPECT_EQ(rooms[2].last_date, std::nullopt);
  EXPECT_EQ(rooms[2].unread, 0);

  const auto bobs = chats::rooms_of(this->conn(), this->bob_);
  ASSERT_EQ(bobs.size(), 2U);
  EXPECT_EQ(bobs[0].room.room_no, foreign);
  EXPECT_EQ(bobs[1].room.room_no, personal);
  EXPECT_EQ(bobs[1].unread, 2) << "the SYSTEM message and alice's";
  EXPECT_TRUE(chats::rooms_of(this->conn(), this->carol_ + 100).empty());
}

TYPED_TEST(Chat, MovesTheReadMarkForwardOnly) {
  const auto room = this->group("산책");
  chats::add_member(this->conn(), room, this->alice_, t0);
  chats::mark_read(this->conn(), room, this->alice_, 10);
  chats::mark_read(this->conn(), room, this->alice_, 5);
  EXPECT_EQ(chats::find_membership(this->conn(), room, this->alice_)->last_read_message_no, 10);
}

// ---- service ---------------------------------------------------------------------------------------------

TYPED_TEST(Chat, TalkStoresAndPublishesTheCommittedMessageOnTheRoomChannel) {
  const auto room = this->group("산책");
  const auto other = this->group("다른 방");
  chats::add_member(this->conn(), room, this->alice_, t0);
  auto inbox = this->listen(room);
  auto elsewhere = this->listen(other);
  std::optional<message_record> seen_by_another_connection;
  auto check = this->broadcasts_.subscribe(daengtionary::chat::room_channel(room),
                                           [&](std::string_view, const std::shared_ptr<const std::string>&) {
                                             auto reader = this->scratch_.db().acquire();
                                             auto rows = chats::messages_of(*reader, room, message_window{});
                                             if (!rows.empty()) seen_by_another_connection = rows.back();
                                           });

  const auto talked = run_awaitable(this->service().talk(this->alice_, room, "  안녕하세요  "));
  ASSERT_TRUE(talked.has_value());
  EXPECT_EQ(talked->type, "TALK");
  EXPECT_EQ(talked->sender, "앨리스");
  EXPECT_EQ(talked->message, "  안녕하세요  ");
  EXPECT_EQ(talked->room_no, room);
  EXPECT_EQ(inbox->all(),
            (std::vector<std::string>{boost::json::serialize(daengtionary::chat::message_json(*talked))}));
  EXPECT_TRUE(elsewhere->all().empty());
  ASSERT_TRUE(seen_by_another_connection.has_value()) << "published before the commit";
  EXPECT_EQ(seen_by_another_connection->message_no, talked->message_no);
  EXPECT_EQ(ids(chats::messages_of(this->conn(), room, message_window{})),
            (std::vector<std::int64_t>{talked->message_no}));
}

TYPED_TEST(Chat, TalkRefusesBlankOverLongTextAndNonMembersWithoutPublishing) {
  const auto room = this->group("산책");
  chats::add_member(this->conn(), room, this->alice_, t0);
  auto inbox = this->listen(room);
  EXPECT_EQ(run_awaitable(this->service().talk(this->alice_, room, " \n\t")).error(), errc::not_valid_content);
  std::string longest;
  for (int i = 0; i < 1000; ++i) longest += "가";
  EXPECT_EQ(run_awaitable(this->service().talk(this->alice_, room, longest + "a")).error(), errc::not_valid_content);
  EXPECT_EQ(run_awaitable(this->service().talk(this->bob_, room, "hi")).error(), errc::not_found_chat_room_member);
  EXPECT_EQ(run_awaitable(this->service().talk(this->alice_, room + 100, "hi")).error(),
            errc::not_found_chat_room_member);
  EXPECT_TRUE(inbox->all().empty());
  EXPECT_EQ(count_rows(this->conn(), "chat_message"), 0);
  EXPECT_TRUE(run_awaitable(this->service().talk(this->alice_, room, longest)).has_value())
      << "1000 characters (3000 bytes) fit";
  EXPECT_EQ(inbox->all().size(), 1U);
}

TYPED_TEST(Chat, EntersOncePerMembershipAndPublishesTheEnterMessage) {
  const auto room = this->group("산책");
  chats::add_member(this->conn(), room, this->alice_, t0);
  auto inbox = this->listen(room);
  const auto first = run_awaitable(this->service().enter(this->alice_, room));
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->type, "ENTER");
  EXPECT_EQ((*first)->sender, "앨리스");
  EXPECT_EQ((*first)->message, "앨리스님이 입장하였습니다 :)");
  EXPECT_EQ(run_awaitable(this->service().enter(this->alice_, room)).value(), std::nullopt);
  EXPECT_EQ(run_awaitable(this->service().enter(this->bob_, room)).error(), errc::not_found_chat_room_member);
  EXPECT_EQ(inbox->all(),
            (std::vector<std::string>{boost::json::serialize(daengtionary::chat::message_json(**first))}));
  EXPECT_TRUE(run_awaitable(this->service().is_member(this->alice_, room)));
  EXPECT_FALSE(run_awaitable(this->service().is_member(this->bob_, room)));
}

TYPED_TEST(Chat, MarkReadMovesToTheNewestMessage) {
  const auto room = this->group("산책");
  chats::add_member(this->conn(), room, this->alice_, t0);
  const auto newest = this->say(room, this->bob_, "bob", "둘");
  EXPECT_TRUE(run_awaitable(this->service().mark_read(this->alice_, room)).has_value());
  EXPECT_EQ(chats::find_membership(this->conn(), room, this->alice_)->last_read_message_no, newest);
  EXPECT_EQ(run_awaitable(this->service().mark_read(this->bob_, room)).error(), errc::not_found_chat_room_member);
}

TYPED_TEST(Chat, OpensOnePersonalRoomPerPairWithOneSystemMessage) {
  const auto room = run_awaitable(this->service().open_personal_room(this->alice_, this->bob_));
  ASSERT_TRUE(room.has_value());
  EXPECT_EQ(run_awaitable(this->service().open_personal_room(this->alice_, this->bob_)).value(), *room);
  EXPECT_EQ(run_awaitable(this->service().open_personal_room(this->bob_, this->alice_)).value(), *room);
  const auto messages = chats::messages_of(this->conn(), *room, message_window{});
  ASSERT_EQ(messages.size(), 1U) << "the SYSTEM message only when the room is created";
  EXPECT_EQ(messages[0].type, "SYSTEM");
  EXPECT_EQ(messages[0].message, "대화가 시작되었습니다 :)");
  EXPECT_TRUE(chats::find_membership(this->conn(), *room, this->alice_).has_value());
  EXPECT_TRUE(chats::find_membership(this->conn(), *room, this->bob_).has_value());
  EXPECT_EQ(run_awaitable(this->service().open_personal_room(this->alice_, this->carol_ + 100)).error(),
            errc::not_found_user_info);
  EXPECT_EQ(run_awaitable(this->service().open_personal_room(this->alice_, this->alice_)).error(),
            errc::cannot_chat_with_me);
  EXPECT_EQ(count_rows(this->conn(), "chat_room"), 1);
}

TYPED_TEST(Chat, OpensOnePersonalRoomWhenManyRequestsRace) {
  asio::io_context ctx;
  std::vector<std::int64_t> rooms;
  for (int i = 0; i < 8; ++i) {
    const auto me = i % 2 == 0 ? this->alice_ : this->carol_;
    const auto other = i % 2 == 0 ? this->carol_ : this->alice_;
    asio::co_spawn(ctx, this->service().open_personal_room(me, other),
                   [&rooms](std::exception_ptr e, daengtionary::result<std::int64_t> room) {
                     if (e) std::rethrow_exception(e);
                     rooms.push_back(room.value());
                   });
  }
  ctx.run();
  ASSERT_EQ(rooms.size(), 8U);
  for (const auto room : rooms) EXPECT_EQ(room, rooms[0]);
  EXPECT_EQ(count_rows(this->conn(), "chat_room"), 1);
  EXPECT_EQ(count_rows(this->conn(), "chat_message"), 1);
  EXPECT_EQ(count_rows(this->conn(), "chat_room_member"), 2);
}

TYPED_TEST(Chat, JoinsGroupRoomsOnlyAndReadsHistoryForMembersOnly) {
  const auto walk = this->group("산책");
  const auto personal = run_awaitable(this->service().open_personal_room(this->alice_, this->bob_)).value();
  EXPECT_TRUE(run_awaitable(this->service().join(this->carol_, walk)).has_value());
  EXPECT_TRUE(run_awaitable(this->service().join(this->carol_, walk)).has_value()) << "idempotent";
  EXPECT_EQ(run_awaitable(this->service().join(this->carol_, personal)).error(), errc::not_found_chat_room);
  EXPECT_TRUE(run_awaitable(this->service().join(this->alice_, personal)).has_value()) << "already in it";
  EXPECT_EQ(run_awaitable(this->service().join(this->carol_, walk + personal + 100)).error(),
            errc::not_found_chat_room);
  EXPECT_EQ(count_rows(this->conn(), "chat_room_member"), 3);

  EXPECT_EQ(run_awaitable(this->service().messages(this->carol_, personal, message_window{})).error(),
            errc::not_found_chat_room);
  const auto newest = this->say(personal, this->bob_, "bob", "읽어 줘");
  const auto older = run_awaitable(this->service().messages(this->alice_, personal, message_window{newest, 10}));
  EXPECT_EQ(older.value().size(), 1U);
  EXPECT_EQ(chats::find_membership(this->conn(), personal, this->alice_)->last_read_message_no, 0)
      << "an older page does not mark the room read";
  const auto latest = run_awaitable(this->service().messages(this->alice_, personal, message_window{}));
  EXPECT_EQ(latest.value().back().message_no, newest);
  EXPECT_EQ(chats::find_membership(this->conn(), personal, this->alice_)->last_read_message_no, newest);
}

}  // namespace
