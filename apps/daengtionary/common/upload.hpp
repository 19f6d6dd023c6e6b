// A file a client uploaded, as services see it: read from the request by the routes (common/form), stored by
// common/image_uploads.
#pragma once

#include <string>

namespace daengtionary {

struct upload {
  std::string filename;
  std::string bytes;
};

}  // namespace daengtionary
