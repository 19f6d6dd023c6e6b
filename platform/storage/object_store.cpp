// Out-of-line destructor so the object_store vtable is emitted in one translation unit.
#include "platform/storage/object_store.hpp"

namespace platform::storage {

object_store::~object_store() = default;

}  // namespace platform::storage
