// What every kind of post shares on its rows.
#pragma once

#include <cstdint>
#include <string>

namespace daengtionary::post {

struct image {
  std::int64_t image_no = 0;
  std::string url;
};

}  // namespace daengtionary::post
