// What every pub/sub backend shares.
#include "platform/kv/pubsub.hpp"

namespace platform::kv {

pubsub::~pubsub() = default;

}  // namespace platform::kv
