// Loads demo.json kind by kind through the features' repositories, so the demo rows are exactly what the
// routes would have written.
#include <stdexcept>

#include <boost/json/parse.hpp>

#include "apps/daengtionary/member/repository.hpp"
#include "apps/daengtionary/mypage/repository.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "apps/daengtionary/place/service.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "apps/daengtionary/seed/loaders.hpp"
#include "apps/daengtionary/seed/seed.hpp"
#include "platform/auth/password.hpp"

namespace daengtionary::seed {
namespace {

constexpr const char* count_members = "SELECT COUNT(*) FROM member";
// Demo popularity: the view counters are set directly rather than replayed view by view.
constexpr const char* set_place_views = "UPDATE map SET views = ? WHERE map_no = ?";

boost::json::object read_document(const std::filesystem::path& file) {
  auto document = boost::json::parse(read_file(file));
  if (!document.is_object()) throw std::runtime_error("demo data: " + file.string() + " is not a JSON object");
  return std::move(document).as_object();
}

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

void load_places(demo_set& set) {
  namespace places = place::repository;
  for (const auto& entry : list(set.document(), "places")) {
    const auto& item = entry.as_object();
    const place::place_form form{text(item, "title"), text(item, "category"), text(item, "content"),
                                 text(item, "address")};
    require_valid(place::validate(form), "place", form.title);
    const std::int64_t map_no =
        places::insert_place(set.db(), set.member(item.at("author")), form, set.next_timestamp());
    post::repository::insert_images(set.db(), places::tables(), map_no,
                                    set.store_images(item.at("images"), place::max_images));
    for (const auto& review_entry : list(item, "reviews")) {
      const auto& review = review_entry.as_object();
      const place::review_form row{text(review, "content"), integer(review, "star")};
      require_valid(place::validate(row), "review", row.content);
      places::insert_review(set.db(), map_no, set.member(review.at("author")), row, set.next_timestamp());
    }
    if (const auto average = places::average_star(set.db(), map_no)) {
      places::set_star(set.db(), map_no, place::rounded_star(*average));
    }
    set.db().execute(set_place_views, {integer(item, "views"), map_no});
    set.like(item, wishes::target::map, map_no);
  }
}

}  // namespace

bool load_demo(platform::sql::connection& db, platform::storage::object_store& store,
               const std::filesystem::path& data_dir) {
  if (db.query(count_members)[0].as_int(0) > 0) return false;
  demo_set set(db, store, data_dir, read_document(data_dir / "demo.json"));
  load_members(set);
  load_places(set);
  load_community(set);
  load_trades(set);
  load_friends(set);
  load_chats(set);
  return true;
}

}  // namespace daengtionary::seed
