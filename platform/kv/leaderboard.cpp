// Out-of-line anchor of the leaderboard interface.
#include "platform/kv/leaderboard.hpp"

namespace platform::kv {

leaderboard::~leaderboard() = default;

}  // namespace platform::kv
