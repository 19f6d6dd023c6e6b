// Parameters shared by the list and detail routes: the page a request asks for and who is viewing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "apps/daengtionary/common/list_query.hpp"
#include "platform/http/message.hpp"

namespace daengtionary {

// `pagenum` and `pagesize`: a framework 400 when missing or not numbers, not_valid_content when out of bounds.
result<page> page_of(const platform::http::request& req);

// Who a detail view is counted for, once per Asia/Seoul day: "m:<member_no>" for a member, otherwise
// "ip:<address>" (so a proxy in front must pass distinct client addresses).
std::string viewer_key(std::optional<std::int64_t> member_no, std::string_view remote_ip);

}  // namespace daengtionary
