// A file a client uploaded, as services see it: read from the request by the routes (platform/json/form.hpp),
// checked and stored by the app (platform/storage/image.hpp, object_store).
#pragma once

#include <string>

namespace platform::storage {

struct upload {
  std::string filename;
  std::string bytes;
};

}  // namespace platform::storage
