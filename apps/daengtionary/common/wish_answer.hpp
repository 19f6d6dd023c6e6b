// What a wish toggle answers on the wire (contract §2.8).
#pragma once

#include <cstdint>

#include "apps/daengtionary/common/wish_repository.hpp"
#include "platform/http/message.hpp"

namespace daengtionary::wishes {

// 200 with {"mapNo","comNo","tradeNo"}: all null when added, the target's id set when removed (as the original).
platform::http::response answer(target kind, std::int64_t id, bool added);

}  // namespace daengtionary::wishes
