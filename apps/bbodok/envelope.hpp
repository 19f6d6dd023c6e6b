// Bbodok's wire envelopes (contract §0.1–0.2): {data,message,code} on success, {code,message} on failure.
#pragma once

#include <boost/json/value.hpp>

#include "platform/http/message.hpp"
#include "platform/http/server.hpp"

namespace bbodok {

// 200 {"data":…,"message":"성공","code":"success"}; `data` is always present, null included.
platform::http::response success(const boost::json::value& data);
// Failures outside the handlers, mapped as the original's exception handler did: 400 (also for a wrong
// method, as Spring's handler answered), 401, 403, 404, and 5xx without internal text.
platform::http::response framework_error(const platform::http::problem& problem);

}  // namespace bbodok
