// The one table from errc to status, code and message, spelled exactly as the original (typos included).
#include "apps/daengtionary/common/error_table.hpp"

namespace daengtionary {

using platform::http::status;

error_entry describe(errc e) {
  switch (e) {
    case errc::not_valid_content:
      return {status::bad_request, "BAD_REQUEST", "유효하지 않는 내용입니다."};
    case errc::duplicate_email:
      return {status::bad_request, "DUPLICATE_EMAIL", "이미 사용중인 email 입니다."};
    case errc::duplicate_nick:
      return {status::bad_request, "DUPLICATE_NICK", "이미 사용중인 닉네임 입니다."};
    case errc::wrong_admin_code:
      return {status::bad_request, "WRONG_ADMINCODE", "관리자 코드가 일치하지 않습니다."};
    case errc::invalid_token:
      return {status::unauthorized, "UNAUTHORIZED", "권한 정보가 없는 token 입니다."};
    case errc::wrong_email:
      return {status::bad_request, "WRONG_EMAIL", "존재하지 않는 email 입니다."};
    case errc::wrong_password:
      return {status::bad_request, "WRONG_PASSWORD", "비밀번호가 일치하지 않습니다."};
    case errc::not_found_user_info:
      return {status::not_found, "NOT_FOUND", "해당 유저가 존재하지 않습니다"};
    case errc::wrong_input_content:
      return {status::unsupported_media_type, "UNSUPPORTED_MEDIA_TYPE", "업로드 타입이 잘못되었습니다"};
    case errc::map_not_found:
    case errc::review_not_found:
      return {status::not_found, "NOT_FOUND", "해당 게시물을 찾을 수 없습니다."};
    case errc::map_wrong_access:
      return {status::bad_request, "BAD_REQUEST", "본인의 게시글이 아닙니다."};
    case errc::friend_is_not_member:
      return {status::bad_request, "BAD_REQUEST", "본인은 참가할수 없습니다."};
    case errc::cannot_chat_with_me:
      return {status::bad_request, "CANNOT_CHAT_WITH_ME", "나 자신은 채팅의 대상이 될 수 없습니다."};
    case errc::not_found_chat_room:
      return {status::not_found, "NOT_FOUND_CHAT_ROOM", "해당 채팅방은 존재하지 않습니다."};
    case errc::not_found_chat_room_member:
      return {status::not_found, "NOT_FOUND_CHAT_ROOM_MEMBER", "해당 참여자를 찾을 수 없습니다."};
    case errc::image_upload_error:
      return {status::bad_request, "BAD_REQUEST", "이미지 업로드에 실패했습니다"};
    case errc::wrong_image_format:
      return {status::bad_request, "BAD_REQUEST", "지원하지 않는 파일 형식입니다."};
    case errc::not_found_dog_info:
      return {status::bad_request, "BAD_REQUEST", "반려견 정보가 없습니다."};
  }
  return describe(errc::not_valid_content);
}

}  // namespace daengtionary
