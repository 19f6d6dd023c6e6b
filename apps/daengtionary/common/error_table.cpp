// The one table from errc to status, code and message, spelled exactly as the original (typos included).
#include "apps/daengtionary/common/error_table.hpp"

namespace daengtionary {

using platform::http::status;

const error_entry& describe(errc e) {
  static constexpr error_entry bad_content{status::bad_request, "BAD_REQUEST", "유효하지 않는 내용입니다."};
  static constexpr error_entry duplicate_email{status::bad_request, "DUPLICATE_EMAIL", "이미 사용중인 email 입니다."};
  static constexpr error_entry duplicate_nick{status::bad_request, "DUPLICATE_NICK", "이미 사용중인 닉네임 입니다."};
  static constexpr error_entry wrong_admin_code{status::bad_request, "WRONG_ADMINCODE",
                                                "관리자 코드가 일치하지 않습니다."};
  static constexpr error_entry invalid_token{status::unauthorized, "UNAUTHORIZED", "권한 정보가 없는 token 입니다."};
  static constexpr error_entry wrong_email{status::bad_request, "WRONG_EMAIL", "존재하지 않는 email 입니다."};
  static constexpr error_entry wrong_password{status::bad_request, "WRONG_PASSWORD", "비밀번호가 일치하지 않습니다."};
  static constexpr error_entry no_user{status::not_found, "NOT_FOUND", "해당 유저가 존재하지 않습니다"};
  static constexpr error_entry wrong_input{status::unsupported_media_type, "UNSUPPORTED_MEDIA_TYPE",
                                           "업로드 타입이 잘못되었습니다"};
  static constexpr error_entry post_not_found{status::not_found, "NOT_FOUND", "해당 게시물을 찾을 수 없습니다."};
  static constexpr error_entry wrong_access{status::bad_request, "BAD_REQUEST", "본인의 게시글이 아닙니다."};
  static constexpr error_entry own_friend{status::bad_request, "BAD_REQUEST", "본인은 참가할수 없습니다."};
  static constexpr error_entry chat_with_me{status::bad_request, "CANNOT_CHAT_WITH_ME",
                                            "나 자신은 채팅의 대상이 될 수 없습니다."};
  static constexpr error_entry no_room{status::not_found, "NOT_FOUND_CHAT_ROOM", "해당 채팅방은 존재하지 않습니다."};
  static constexpr error_entry no_room_member{status::not_found, "NOT_FOUND_CHAT_ROOM_MEMBER",
                                              "해당 참여자를 찾을 수 없습니다."};
  static constexpr error_entry upload_failed{status::bad_request, "BAD_REQUEST", "이미지 업로드에 실패했습니다"};
  static constexpr error_entry image_format{status::bad_request, "BAD_REQUEST", "지원하지 않는 파일 형식입니다."};
  static constexpr error_entry no_dog{status::bad_request, "BAD_REQUEST", "반려견 정보가 없습니다."};

  switch (e) {
    case errc::not_valid_content:
      return bad_content;
    case errc::duplicate_email:
      return duplicate_email;
    case errc::duplicate_nick:
      return duplicate_nick;
    case errc::wrong_admin_code:
      return wrong_admin_code;
    case errc::invalid_token:
      return invalid_token;
    case errc::wrong_email:
      return wrong_email;
    case errc::wrong_password:
      return wrong_password;
    case errc::not_found_user_info:
      return no_user;
    case errc::wrong_input_content:
      return wrong_input;
    case errc::map_not_found:
      return post_not_found;
    case errc::map_wrong_access:
      return wrong_access;
    case errc::friend_is_not_member:
      return own_friend;
    case errc::review_not_found:
      return post_not_found;
    case errc::cannot_chat_with_me:
      return chat_with_me;
    case errc::not_found_chat_room:
      return no_room;
    case errc::not_found_chat_room_member:
      return no_room_member;
    case errc::image_upload_error:
      return upload_failed;
    case errc::wrong_image_format:
      return image_format;
    case errc::not_found_dog_info:
      return no_dog;
  }
  return bad_content;
}

}  // namespace daengtionary
