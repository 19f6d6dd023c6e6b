// The wire envelopes (contract §1.2, §1.3): success, business error, and Spring's default error JSON.
#pragma once

#include <string_view>

#include <boost/json/value.hpp>

#include "apps/daengtionary/common/error_table.hpp"
#include "platform/http/message.hpp"
#include "platform/http/server.hpp"

namespace daengtionary {

// {"state":200,"message":…}: `data` omitted, as the original's non-null-only wrapper did.
platform::http::response ok(std::string_view message);
// {"state":200,"data":…,"message":…}
platform::http::response ok(const boost::json::value& data, std::string_view message);
// {"status":…,"code":…,"message":…} with the errc's HTTP status.
platform::http::response fail(errc e);
// {"timestamp":…,"status":…,"error":…,"path":…,"message":…}: what Spring Boot sent for failures outside
// the ErrorCode enum (missing parameters, unreadable bodies, unknown paths); `message` is always safe text.
platform::http::response framework_error(const platform::http::problem& problem);

// A route's answer to a service's outcome: ok(message), or ok(json(value), message), for a value; else fail(error).
template <class T>
platform::http::response ok_or_fail(const result<T>& outcome, std::string_view message) {
  return outcome ? ok(message) : fail(outcome.error());
}
template <class T, class Json>
platform::http::response ok_or_fail(const result<T>& outcome, Json json, std::string_view message) {
  return outcome ? ok(json(*outcome), message) : fail(outcome.error());
}

}  // namespace daengtionary
