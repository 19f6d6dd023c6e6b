// The coroutine types the app's services return.
#pragma once

#include "platform/io/asio.hpp"

namespace bbodok {
namespace asio = platform::asio;
}
