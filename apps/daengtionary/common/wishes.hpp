// The like rule ("좋아요", contract §2.8): one wish per member and target, toggled.
#pragma once

#include <cstdint>

#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/wish_repository.hpp"

namespace daengtionary::wishes {

// In a transaction: map_not_found for an unknown target; otherwise true when the wish was added, false
// when it was removed.
result<bool> toggle(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id);

}  // namespace daengtionary::wishes
