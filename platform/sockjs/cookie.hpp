// The JSESSIONID cookie a SockJS endpoint with cookie_needed sets on its HTTP transports, so that load balancers
// that stick sessions only by that cookie keep a session's requests on one instance.
#pragma once

#include <string>
#include <string_view>

namespace platform::sockjs {

// The Set-Cookie value for a request whose Cookie header is `cookie_header` ("" when absent): the request's own
// JSESSIONID echoed (set again on every response, so a load balancer can attach its own cookies), else
// "JSESSIONID=dummy; path=/", as sockjs-node and Spring answer. A value that is not a plain RFC 6265 cookie-octet
// string is not echoed: the dummy goes instead.
std::string jsessionid_cookie(std::string_view cookie_header);

}  // namespace platform::sockjs
