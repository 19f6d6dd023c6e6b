// Short names for Asio and Beast used across the platform and the apps.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace platform {
namespace asio = boost::asio;
}  // namespace platform
