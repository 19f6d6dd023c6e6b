// Bbodok's wire envelopes (contract §0.1–0.2): {data,message,code} on success, {code,message} on failure.
#pragma once

#include <string_view>

#include <boost/json/value.hpp>

#include "apps/bbodok/common/failure.hpp"
#include "platform/http/message.hpp"
#include "platform/http/server.hpp"

namespace bbodok {

// {"data":…,"message":"성공","code":"success"} with the given status; `data` is always present, null included.
platform::http::response success(const boost::json::value& data,
                                 platform::http::status status = platform::http::status::ok);
// As success() with 200, for `data` already rendered as JSON text (a cached list): nothing is parsed again.
platform::http::response success_json(std::string_view data_json);
// 201 {"data":…,"message":"새로 생성되었습니다.","code":"resource.created"}
platform::http::response created(const boost::json::value& data);
// 200 {"data":null,"message":"삭제되었습니다.","code":"resource.deleted"}
platform::http::response deleted();
// {"code":…,"message":…} with the failure's status.
platform::http::response fail(const failure& f);
// Failures outside the handlers, mapped as the original's exception handler did: 400 (also for a wrong
// method, as Spring's handler answered), 401, 403, 404, and 5xx without internal text.
platform::http::response framework_error(const platform::http::problem& problem);

}  // namespace bbodok
