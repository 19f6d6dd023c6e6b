// Dog repository over platform::sql.
#include "apps/daengtionary/mypage/repository.hpp"

#include "apps/daengtionary/mypage/sql.hpp"
#include "platform/sql/records.hpp"

namespace daengtionary::mypage::repository {
namespace records = platform::sql::records;

std::vector<dog_record> dogs_of(connection& db, std::int64_t member_no) {
  return records::all_of<dog_record>(db.query(sql::dogs_of_member, {member_no}));
}

std::optional<dog_record> find_dog(connection& db, std::int64_t dog_no) {
  return records::first_of<dog_record>(db.query(sql::find_dog, {dog_no}));
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
