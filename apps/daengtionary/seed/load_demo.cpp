// Loads demo.json kind by kind through the features' repositories, so the demo rows are exactly what the
// routes would have written.
#include <stdexcept>

#include "apps/daengtionary/member/repository.hpp"
#include "apps/daengtionary/mypage/repository.hpp"
#include "apps/daengtionary/seed/loaders.hpp"
#include "apps/daengtionary/seed/seed.hpp"
#include "platform/auth/password.hpp"

namespace daengtionary::seed {
namespace {

constexpr const char* count_members = "SELECT COUNT(*) FROM member";

void load_members(demo_set& set) {
  const std::string password_hash = platform::auth::hash_password(text(set.document(), "password"));
  for (const auto& entry : list(set.document(), "members")) {
    const auto& item = entry.as_object();
    const std::int64_t created = set.next_timestamp();
    const member::new_member row{text(item, "email"), password_hash, text(item, "nick"), text(item, "role"), {}};
    const std::int64_t member_no = member::repository::insert(set.db(), row, created);
    set.add_member(text(item, "key"), member_no);
    for (const auto& dog_entry : list(item, "dogs")) {
      const auto& dog = dog_entry.as_object();
      const mypage::dog_record record{0,
                                      member_no,
                                      text(dog, "name"),
                                      text(dog, "breed"),
                                      text(dog, "gender"),
                                      number(dog, "weight"),
                                      set.store_image(dog.at("image"))};
      mypage::repository::insert_dog(set.db(), record, created);
    }
  }
}

}  // namespace

bool load_demo(platform::sql::connection& db, platform::storage::object_store& store,
               const std::filesystem::path& data_dir) {
  if (db.query(count_members)[0].as_int(0) > 0) return false;
  demo_set set(db, store, data_dir, platform::json::data_file::read_object_file(data_dir / "demo.json"));
  load_members(set);
  load_places(set);
  load_community(set);
  load_trades(set);
  load_friends(set);
  load_chats(set);
  return true;
}

}  // namespace daengtionary::seed
