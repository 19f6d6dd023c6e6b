// Reading the list routes' query: `from`/`to` as naive Seoul datetimes and ids as positive numbers; anything
// else is 400 알 수 없는 오류가 발생했어요., as the original's binding failures were.
#pragma once

#include <cstdint>

#include <boost/json/object.hpp>

#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/room/dto.hpp"
#include "platform/http/message.hpp"

namespace bbodok::room {

// `from` and `to`: present, well-formed, from ≤ to and no longer than max_window_days.
result<window> window_of(const platform::http::request& req);
// A positive whole number in the query.
result<std::int64_t> id_of(const platform::http::request& req, std::string_view key);
// A positive whole number in a JSON body.
result<std::int64_t> id_of(const boost::json::object& body, std::string_view key);

}  // namespace bbodok::room
