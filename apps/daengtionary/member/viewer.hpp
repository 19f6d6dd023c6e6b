// Who a detail view is counted for (common/request_params viewer_key): the member the request's
// Authorization header names, else the client's address. Anonymous and expired tokens are fine here.
#pragma once

#include <string>

#include "apps/daengtionary/common/async.hpp"
#include "platform/http/message.hpp"

namespace daengtionary::member {

class service;

asio::awaitable<std::string> viewer_of(service& members, const platform::http::request& req);

}  // namespace daengtionary::member
