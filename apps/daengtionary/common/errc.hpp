// The original's ErrorCode enum (contract §1.3): every expected failure a feature can report.
#pragma once

#include <boost/system/result.hpp>

namespace daengtionary {

enum class errc {
  not_valid_content,
  duplicate_email,
  duplicate_nick,
  wrong_admin_code,
  invalid_token,
  wrong_email,
  wrong_password,
  not_found_user_info,
  wrong_input_content,
  map_not_found,
  map_wrong_access,
  friend_is_not_member,
  review_not_found,
  cannot_chat_with_me,
  not_found_chat_room,
  not_found_chat_room_member,
  image_upload_error,
  wrong_image_format,
  not_found_dog_info,
};

// boost::system::result needs this to turn an unexpected value() on an error into an exception.
[[noreturn]] void throw_exception_from_error(errc e, const boost::source_location& location);

template <class T>
using result = boost::system::result<T, errc>;

}  // namespace daengtionary
