// What the wire says for each errc (contract §1.3): kept with the envelope, on the routes' side, so that
// services report errc without knowing HTTP.
#pragma once

#include <string_view>

#include "apps/daengtionary/common/errc.hpp"
#include "platform/http/message.hpp"

namespace daengtionary {

// HTTP status, `code` and `message` of the error envelope.
struct error_entry {
  platform::http::status status;
  std::string_view code;
  std::string_view message;
};

error_entry describe(errc e);

}  // namespace daengtionary
