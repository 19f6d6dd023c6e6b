// Telling systemd (a Type=notify unit) that the process is ready or stopping, over $NOTIFY_SOCKET.
#pragma once

#include <string_view>

namespace platform::io {

// Sends `state` ("READY=1", "STOPPING=1", "STATUS=…", newline-separated) as one datagram to the socket named
// by $NOTIFY_SOCKET (a path, or "@name" for the abstract namespace); does nothing when it is unset. A failure
// to send is logged, never thrown: the service manager's timeouts handle a notification that did not arrive.
void notify_service_manager(std::string_view state);

}  // namespace platform::io
