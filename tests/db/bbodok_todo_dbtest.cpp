// Bbodok's todo service on a real database, porting the original's TodoServiceTest (contract §9) and adding
// the fixes of §11: only one's own todos, only in one's groups.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "apps/bbodok/group/repository.hpp"
#include "apps/bbodok/todo/service.hpp"
#include "tests/db/bbodok_database.hpp"
#include "tests/db/run_awaitable.hpp"

namespace {

using bbodok::errc;
using bbodok::todo::todo_record;
using test_db::run_awaitable;

template <class Backend>
class BbodokTodos : public test_db::bbodok_database<Backend> {
 protected:
  BbodokTodos() : test_db::bbodok_database<Backend>("bbodok_todo") {}

  void prepare() override {
    todos_.emplace(this->db());
    me_ = this->add_member("민지");
    other_ = this->add_member("하니");
    bbodok::group::add_membership(this->conn(), me_, 1, test_db::seoul_morning);
    bbodok::group::add_membership(this->conn(), other_, 1, test_db::seoul_morning);
  }

  bbodok::todo::service& todos() { return *todos_; }
  todo_record make(std::int64_t member, const std::string& content, std::int64_t group = 1) {
    auto made = run_awaitable(todos().create(member, group, content));
    EXPECT_TRUE(made);
    return *made;
  }

  std::optional<bbodok::todo::service> todos_;
  std::int64_t me_ = 0;
  std::int64_t other_ = 0;
};
TYPED_TEST_SUITE(BbodokTodos, test_db::backends, test_db::backend_names);

// testGenerateTodo: id, content and groupId come back, not done.
TYPED_TEST(BbodokTodos, GeneratesATodo) {
  const auto todo = this->make(this->me_, "단어 외우기");
  EXPECT_GT(todo.todo_id, 0);
  EXPECT_EQ(todo.group_id, 1);
  EXPECT_EQ(todo.content, "단어 외우기");
  EXPECT_FALSE(todo.done);
}

// testGetGroupTodos: the member's own todos in the group, nobody else's.
TYPED_TEST(BbodokTodos, ListsTheMembersTodosInTheGroup) {
  const auto first = this->make(this->me_, "하나");
  const auto second = this->make(this->me_, "둘");
  this->make(this->other_, "남의 것");
  const auto mine = *run_awaitable(this->todos().list(this->me_, 1));
  ASSERT_EQ(mine.size(), 2U);
  EXPECT_EQ(mine[0].todo_id, first.todo_id);
  EXPECT_EQ(mine[1].todo_id, second.todo_id);
}

// testEditTodoContent, testEditTodoDoneFalseToTrue, testEditTodoDoneTrueToFalse.
TYPED_TEST(BbodokTodos, EditsContentAndDone) {
  const auto todo = this->make(this->me_, "원래");
  auto edited = run_awaitable(this->todos().edit(this->me_, todo.todo_id, "바뀜", false));
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->content, "바뀜");
  EXPECT_FALSE(edited->done);
  edited = run_awaitable(this->todos().edit(this->me_, todo.todo_id, "바뀜", true));
  ASSERT_TRUE(edited);
  EXPECT_TRUE(edited->done);
  edited = run_awaitable(this->todos().edit(this->me_, todo.todo_id, "바뀜", false));
  ASSERT_TRUE(edited);
  EXPECT_FALSE(edited->done);
}

TYPED_TEST(BbodokTodos, TreatsSomeoneElsesTodoAsMissing) {
  const auto todo = this->make(this->me_, "내 것");
  const auto refused = run_awaitable(this->todos().edit(this->other_, todo.todo_id, "탈취", true));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errc::not_found);
  EXPECT_EQ(refused.error().message, "존재하지 않는 todo입니다. todoId: " + std::to_string(todo.todo_id));
  run_awaitable(this->todos().remove(this->other_, todo.todo_id));
  const auto mine = *run_awaitable(this->todos().list(this->me_, 1));
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(mine[0].content, "내 것");
}

// testDeleteTodo: the todo goes; a missing one is no error.
TYPED_TEST(BbodokTodos, DeletesTheOwnersTodo) {
  const auto todo = this->make(this->me_, "지울 것");
  run_awaitable(this->todos().remove(this->me_, todo.todo_id));
  EXPECT_TRUE(run_awaitable(this->todos().list(this->me_, 1))->empty());
  run_awaitable(this->todos().remove(this->me_, todo.todo_id));
}

TYPED_TEST(BbodokTodos, NeedsMembershipOfALiveGroup) {
  const auto stranger = this->add_member("다니엘");
  const auto listed = run_awaitable(this->todos().list(stranger, 1));
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, errc::not_found);
  EXPECT_FALSE(run_awaitable(this->todos().create(stranger, 1, "침입")));
  const auto missing = run_awaitable(this->todos().create(this->me_, 999, "없는 그룹"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "존재하지 않는 그룹입니다. groupId: 999");
  EXPECT_FALSE(run_awaitable(this->todos().create(this->me_, 1, std::string(256, 'x'))));
  EXPECT_TRUE(run_awaitable(this->todos().list(this->me_, 1))->empty());
}

}  // namespace
