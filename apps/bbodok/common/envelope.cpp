// Serialising Bbodok's envelopes.
#include "apps/bbodok/common/envelope.hpp"

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace bbodok {
namespace {

namespace http = platform::http;

http::response body(http::status status, const boost::json::value& data, std::string_view message,
                    std::string_view code) {
  boost::json::object out{{"data", data}, {"message", message}, {"code", code}};
  return http::json_response(status, boost::json::serialize(out));
}

struct wire {
  http::status status;
  std::string_view code;
};

wire describe(errc e) {
  switch (e) {
    case errc::bad_request:
      return {http::status::bad_request, "fail"};
    case errc::unauthenticated:
      return {http::status::unauthorized, "fail"};
    case errc::forbidden:
      return {http::status::forbidden, "fail"};
    case errc::not_found:
      return {http::status::not_found, "fail"};
    case errc::invalid_refresh_token:
      return {http::status::bad_request, "INVALID REFRESH TOKEN"};
    case errc::upstream_unavailable:
      return {http::status::bad_gateway, "fail"};
    case errc::not_configured:
      return {http::status::service_unavailable, "fail"};
  }
  return {http::status::internal_server_error, "fail"};
}

}  // namespace

http::response success(const boost::json::value& data, http::status status) {
  return body(status, data, "성공", "success");
}

http::response success_json(std::string_view data_json) {
  std::string out;
  out.reserve(data_json.size() + 48);
  out.append(R"({"data":)").append(data_json).append(R"(,"message":"성공","code":"success"})");
  return http::json_response(http::status::ok, std::move(out));
}

http::response created(const boost::json::value& data) {
  return body(http::status::created, data, "새로 생성되었습니다.", "resource.created");
}

http::response deleted() { return body(http::status::ok, nullptr, "삭제되었습니다.", "resource.deleted"); }

http::response fail(const failure& f) {
  const wire w = describe(f.code);
  boost::json::object out{{"code", w.code}, {"message", f.message}};
  return http::json_response(w.status, boost::json::serialize(out));
}

http::response framework_error(const http::problem& problem) {
  switch (problem.code) {
    case http::status::not_found:
      return fail(failure{errc::not_found, std::string(problem.message)});
    case http::status::unauthorized:
      return fail(unauthenticated());
    case http::status::forbidden:
      return fail(forbidden());
    default:
      break;
  }
  if (static_cast<unsigned>(problem.code) >= 500) {
    boost::json::object out{{"code", "fail"}, {"message", "잠시 후 다시 시도해 주세요."}};
    return http::json_response(problem.code, boost::json::serialize(out));
  }
  // Every other client error (wrong method, media type, unreadable body, missing parameter) was a 400.
  return fail(bad_request());
}

}  // namespace bbodok
