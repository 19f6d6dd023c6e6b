// Request parameters the list and detail routes share: the page and who is viewing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "platform/http/message.hpp"

namespace daengtionary {

// `pagenum` and `pagesize`: a framework 400 when missing or not integers, not_valid_content out of bounds.
result<page> page_of(const platform::http::request& req);

// Who a view is counted for (once per day): "m:<member_no>" for a member, else "ip:<address>", so a proxy
// in front must pass distinct client addresses.
std::string viewer_key(std::optional<std::int64_t> member_no, std::string_view remote_ip);

}  // namespace daengtionary
