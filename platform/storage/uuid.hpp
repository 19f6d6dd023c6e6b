// Random (version 4) UUIDs for object keys that cannot be guessed or collide.
#pragma once

#include <string>

namespace platform::storage {

// Lowercase 8-4-4-4-12 form from 122 bits of OpenSSL's CSPRNG; throws std::runtime_error if it
// fails.
std::string random_uuid_v4();

}  // namespace platform::storage
