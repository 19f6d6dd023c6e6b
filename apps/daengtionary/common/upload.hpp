// A file a client uploaded, as services see it: the platform's, read by the routes and stored by image_uploads.
#pragma once

#include "platform/storage/upload.hpp"

namespace daengtionary {
using platform::storage::upload;
}
