// The original's exception texts (contract §0.2).
#include "apps/bbodok/common/failure.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace bbodok {

void throw_exception_from_error(const failure& f, const boost::source_location&) {
  throw std::logic_error("unexpected failure: " + f.message);
}

failure bad_request() { return {errc::bad_request, "알 수 없는 오류가 발생했어요."}; }
failure rule_broken(std::string_view message) { return {errc::bad_request, std::string(message)}; }
failure unauthenticated() { return {errc::unauthenticated, "인증이 필요해요."}; }
failure forbidden() { return {errc::forbidden, "접근 권한이 없어요."}; }
failure invalid_refresh_token() { return {errc::invalid_refresh_token, "로그인이 필요해요."}; }

failure group_not_found(std::int64_t group_id) {
  return {errc::not_found, fmt::format("존재하지 않는 그룹입니다. groupId: {}", group_id)};
}

failure room_not_found(std::int64_t room_id) {
  return {errc::not_found, fmt::format("존재하지 않는 방 번호입니다. roomId: {}", room_id)};
}

failure todo_not_found(std::int64_t todo_id) {
  return {errc::not_found, fmt::format("존재하지 않는 todo입니다. todoId: {}", todo_id)};
}

failure not_a_member(std::int64_t member_id, std::int64_t group_id) {
  return {errc::not_found,
          fmt::format("사용자가 참여한 그룹의 id가 아닙니다. 사용자 id : {} 그룹 id : {}", member_id, group_id)};
}

}  // namespace bbodok
