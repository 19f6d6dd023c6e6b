// Serialising Bbodok's envelopes.
#include "apps/bbodok/envelope.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace bbodok {

namespace http = platform::http;

http::response success(const boost::json::value& data) {
  boost::json::object body{{"data", data}, {"message", "성공"}, {"code", "success"}};
  return http::json_response(http::status::ok, boost::json::serialize(body));
}

http::response framework_error(const http::problem& problem) {
  http::status code = problem.code;
  std::string_view message = "알 수 없는 오류가 발생했어요.";
  if (code == http::status::method_not_allowed || code == http::status::unsupported_media_type) {
    code = http::status::bad_request;
  } else if (code == http::status::not_found) {
    message = problem.message;
  } else if (code == http::status::unauthorized) {
    message = "인증이 필요해요.";
  } else if (code == http::status::forbidden) {
    message = "접근 권한이 없어요.";
  }
  boost::json::object body{{"code", "fail"}, {"message", message}};
  return http::json_response(code, boost::json::serialize(body));
}

}  // namespace bbodok
