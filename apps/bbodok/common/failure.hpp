// Expected failures (contract §0.2): what kind, for the HTTP status and `code`, and the text the envelope
// carries. Services report them without knowing HTTP; routes render them with common/envelope.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace bbodok {

enum class errc {
  bad_request,            // 400 fail: the original's IllegalArgumentException and binding failures
  unauthenticated,        // 401 fail 인증이 필요해요.: the frontend refreshes, then signs in again
  forbidden,              // 403 fail 접근 권한이 없어요.
  not_found,              // 404 fail: a group, room, todo or membership that is not there
  invalid_refresh_token,  // 400 INVALID REFRESH TOKEN 로그인이 필요해요.: never 401 (the refresh loop)
  upstream_unavailable,   // 502 fail: Kakao could not be reached
  not_configured,         // 503 fail: a feature this server was not configured for (Kakao login)
};

struct failure {
  errc code = errc::bad_request;  // initialised: an awaitable<result<…>> default-constructs one
  std::string message;            // the envelope's `message`; safe to show
};

// boost::system::result needs this to turn an unexpected value() on an error into an exception.
[[noreturn]] void throw_exception_from_error(const failure& f, const boost::source_location& location);

template <class T>
using result = boost::system::result<T, failure>;

// The original's texts, one function each so that every feature words them the same.
failure bad_request();                          // 알 수 없는 오류가 발생했어요.
failure rule_broken(std::string_view message);  // a business rule's own text (400 fail)
failure unauthenticated();
failure forbidden();
failure invalid_refresh_token();
failure group_not_found(std::int64_t group_id);
failure room_not_found(std::int64_t room_id);
failure todo_not_found(std::int64_t todo_id);
failure not_a_member(std::int64_t member_id, std::int64_t group_id);

}  // namespace bbodok
