// What boost::system::result does with an errc it was not supposed to hold.
#include "apps/daengtionary/common/errc.hpp"

#include <stdexcept>
#include <string>

namespace daengtionary {

void throw_exception_from_error(errc e, const boost::source_location&) {
  throw std::logic_error("result accessed on error: errc " + std::to_string(static_cast<int>(e)));
}

}  // namespace daengtionary
