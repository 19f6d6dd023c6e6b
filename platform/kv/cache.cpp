// The cache interface's out-of-line destructor.
#include "platform/kv/cache.hpp"

namespace platform::kv {

cache::~cache() = default;

}  // namespace platform::kv
