// My page rules: a member's dogs, each editable only by its owner (the original let anyone edit any dog).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/upload.hpp"
#include "apps/daengtionary/mypage/dto.hpp"

namespace platform::sql {
class database;
}

namespace daengtionary {
class image_uploads;
}

namespace daengtionary::mypage {

class service {
 public:
  service(platform::sql::database& db, image_uploads& images);

  asio::awaitable<std::vector<dog_record>> dogs_of(std::int64_t member_no);

  // Each returns the dog name its success message shows.
  asio::awaitable<result<std::string>> add_dog(std::int64_t member_no, dog_form form, std::vector<upload> image);
  // Keeps the current image when no new one is sent.
  asio::awaitable<result<std::string>> update_dog(std::int64_t member_no, std::int64_t dog_no, dog_form form,
                                                  std::vector<upload> image);
  // wrong_input_content when no file is sent.
  asio::awaitable<result<std::string>> replace_image(std::int64_t member_no, std::int64_t dog_no,
                                                     std::vector<upload> image);
  asio::awaitable<result<std::string>> delete_dog(std::int64_t member_no, std::int64_t dog_no);
  asio::awaitable<result<std::string>> delete_image(std::int64_t member_no, std::int64_t dog_no);

 private:
  // Stores the first file, if any: the image URL, nullopt without a file, or wrong_image_format.
  asio::awaitable<result<std::optional<std::string>>> store_first(std::vector<upload> image);

  platform::sql::database& db_;
  image_uploads& images_;
};

// not_valid_content unless the form is a dog the frontend could have sent.
result<void> validate(const dog_form& form);

}  // namespace daengtionary::mypage
