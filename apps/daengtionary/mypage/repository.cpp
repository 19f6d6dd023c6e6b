// Dog repository over platform::sql.
#include "apps/daengtionary/mypage/repository.hpp"

#include "apps/daengtionary/mypage/sql.hpp"

namespace daengtionary::mypage::repository {
namespace {

dog_record to_dog(const platform::sql::row& row) {
  return dog_record{.dog_no = row.as_int("dog_no"),
                    .member_no = row.as_int("member_no"),
                    .name = row.as_text("name"),
                    .breed = row.as_text("breed"),
                    .gender = row.as_text("gender"),
                    .weight = row.as_double("weight"),
                    .image = row.opt_text("image")};
}

}  // namespace

std::vector<dog_record> dogs_of(connection& db, std::int64_t member_no) {
  std::vector<dog_record> dogs;
  for (const auto& row : db.query(sql::dogs_of_member, {member_no})) dogs.push_back(to_dog(row));
  return dogs;
}

std::optional<dog_record> find_dog(connection& db, std::int64_t dog_no) {
  auto rows = db.query(sql::find_dog, {dog_no});
  if (rows.empty()) return std::nullopt;
  return to_dog(rows[0]);
}

std::int64_t insert_dog(connection& db, const dog_record& dog, std::int64_t now) {
  return db
      .query(sql::insert_dog, {dog.member_no, dog.name, dog.breed, dog.gender, dog.weight,
                               platform::sql::nullable(dog.image), now, now})[0]
      .as_int(0);
}

void update_dog(connection& db, const dog_record& dog, std::int64_t now) {
  db.execute(sql::update_dog,
             {dog.name, dog.breed, dog.gender, dog.weight, platform::sql::nullable(dog.image), now, dog.dog_no});
}

void update_image(connection& db, std::int64_t dog_no, const std::optional<std::string>& image, std::int64_t now) {
  db.execute(sql::update_image, {platform::sql::nullable(image), now, dog_no});
}

void delete_dog(connection& db, std::int64_t dog_no) { db.execute(sql::delete_dog, {dog_no}); }

}  // namespace daengtionary::mypage::repository
