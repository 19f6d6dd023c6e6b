// Dog rules: validation, ownership, and keeping stored images in step with the rows.
#include "apps/daengtionary/mypage/service.hpp"

#include <cmath>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
#include "apps/daengtionary/common/text.hpp"
#include "apps/daengtionary/mypage/repository.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::mypage {
namespace {

using platform::sql::connection;

constexpr std::size_t max_name_bytes = 60;   // 20 Hangul syllables
constexpr std::size_t max_breed_bytes = 90;  // 30 Hangul syllables
constexpr double max_weight = 9999;          // the frontend allows four digits

std::vector<std::string> urls_of(const std::optional<std::string>& image) {
  return image ? std::vector<std::string>{*image} : std::vector<std::string>{};
}

// The member's own dog, locked in the caller's transaction; the errors a non-owner or a wrong id get.
result<dog_record> own_dog(connection& db, std::int64_t member_no, std::int64_t dog_no) {
  auto dog = repository::find_dog(db, dog_no);
  if (!dog) return errc::not_found_dog_info;
  if (dog->member_no != member_no) return errc::map_wrong_access;
  return *dog;
}

// Each returns the dog as it was before the change.
result<dog_record> rewrite_own_dog(connection& db, std::int64_t member_no, std::int64_t dog_no, const dog_form& form,
                                   const std::optional<std::string>& new_image) {
  auto dog = own_dog(db, member_no, dog_no);
  if (!dog) return dog;
  repository::update_dog(db,
                         dog_record{dog->dog_no, member_no, form.name, form.breed, form.gender, form.weight,
                                    new_image ? new_image : dog->image},
                         now_micros());
  return dog;
}

result<dog_record> set_own_dog_image(connection& db, std::int64_t member_no, std::int64_t dog_no,
                                     const std::optional<std::string>& image) {
  auto dog = own_dog(db, member_no, dog_no);
  if (dog) repository::update_image(db, dog_no, image, now_micros());
  return dog;
}

result<dog_record> delete_own_dog(connection& db, std::int64_t member_no, std::int64_t dog_no) {
  auto dog = own_dog(db, member_no, dog_no);
  if (dog) repository::delete_dog(db, dog_no);
  return dog;
}

}  // namespace

result<void> validate(const dog_form& form) {
  const bool valid = !is_blank(form.name) && form.name.size() <= max_name_bytes && !is_blank(form.breed) &&
                     form.breed.size() <= max_breed_bytes && (form.gender == "수컷" || form.gender == "암컷") &&
                     std::isfinite(form.weight) && form.weight >= 0 && form.weight <= max_weight;
  if (!valid) return errc::not_valid_content;
  return {};
}

service::service(platform::sql::database& db, image_uploads& images) : db_(db), images_(images) {}

asio::awaitable<std::vector<dog_record>> service::dogs_of(std::int64_t member_no) {
  co_return co_await db_.run(repository::dogs_of, member_no);
}

asio::awaitable<result<std::optional<std::string>>> service::store_first(std::vector<upload> image) {
  if (image.empty()) co_return std::optional<std::string>();
  image.resize(1);
  auto stored = co_await images_.store(std::move(image));
  if (!stored) co_return stored.error();
  co_return std::optional<std::string>(stored->front());
}

asio::awaitable<result<std::string>> service::add_dog(std::int64_t member_no, dog_form form,
                                                      std::vector<upload> image) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  auto stored = co_await store_first(std::move(image));
  if (!stored) co_return stored.error();
  dog_record dog{0, member_no, form.name, form.breed, form.gender, form.weight, *stored};
  co_await db_.transact(repository::insert_dog, std::move(dog), now_micros());
  co_return std::move(form.name);
}

asio::awaitable<result<std::string>> service::update_dog(std::int64_t member_no, std::int64_t dog_no, dog_form form,
                                                         std::vector<upload> image) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  auto stored = co_await store_first(std::move(image));
  if (!stored) co_return stored.error();
  const std::optional<std::string> new_image = *stored;
  auto before = co_await db_.transact(rewrite_own_dog, member_no, dog_no, form, new_image);
  // Whichever image is no longer referenced goes: the replaced one, or the new one if nothing changed.
  if (!before) {
    co_await images_.remove(urls_of(new_image));
    co_return before.error();
  }
  if (new_image) co_await images_.remove(urls_of(before->image));
  co_return std::move(form.name);
}

asio::awaitable<result<std::string>> service::replace_image(std::int64_t member_no, std::int64_t dog_no,
                                                            std::vector<upload> image) {
  if (image.empty()) co_return errc::wrong_input_content;
  auto stored = co_await store_first(std::move(image));
  if (!stored) co_return stored.error();
  const std::optional<std::string> new_image = *stored;
  auto before = co_await db_.transact(set_own_dog_image, member_no, dog_no, new_image);
  if (!before) {
    co_await images_.remove(urls_of(new_image));
    co_return before.error();
  }
  co_await images_.remove(urls_of(before->image));
  co_return before->name;
}

asio::awaitable<result<std::string>> service::delete_dog(std::int64_t member_no, std::int64_t dog_no) {
  auto before = co_await db_.transact(delete_own_dog, member_no, dog_no);
  if (!before) co_return before.error();
  co_await images_.remove(urls_of(before->image));
  co_return before->name;
}

asio::awaitable<result<std::string>> service::delete_image(std::int64_t member_no, std::int64_t dog_no) {
  const std::optional<std::string> no_image;
  auto before = co_await db_.transact(set_own_dog_image, member_no, dog_no, no_image);
  if (!before) co_return before.error();
  co_await images_.remove(urls_of(before->image));
  co_return before->name;
}

}  // namespace daengtionary::mypage
