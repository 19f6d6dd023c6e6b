// The RankResponse array the frontend reads (contract §2.2).
#pragma once

#include <string>
#include <vector>

#include "apps/bbodok/rank/dto.hpp"

namespace bbodok::rank {

// [{memberId, profile, nickname, duration}] in the given order, as JSON text; duration as Java's Duration.
std::string ranking_json(const std::vector<rank_entry>& ranking);

}  // namespace bbodok::rank
