// Routes behind a check of who is asking (e.g. "signed in"). bind_guarded(context, authenticate, refuse, fn)
// makes a route that awaits authenticate(context, request) and runs fn(context, request, principal) when it
// admits the request, or answers refuse(outcome) without calling fn. The app says how a request is
// authenticated (a token, a session) and how a refusal looks (its error envelope); the guard is the same for
// every app, so each feature's route table reads `anyone(list)` / `signed_in(create)`.
#pragma once

#include <utility>

#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/io/asio.hpp"

namespace platform::http {

// authenticate(const Context&, const request&) returns an awaitable outcome that tests false when the request
// is refused and dereferences to the principal otherwise (std::optional, boost::system::result);
// refuse(const outcome&) returns the response to a refused request.
template <class Context, class Authenticate, class Refuse, class Handler>
asio::awaitable<response> answer_guarded(Context ctx, request req, Authenticate authenticate, Refuse refuse,
                                         Handler fn) {
  auto outcome = co_await authenticate(ctx, req);
  if (!outcome) co_return refuse(outcome);
  co_return co_await fn(ctx, std::move(req), std::move(*outcome));
}

template <class Context, class Authenticate, class Refuse, class Handler>
handler bind_guarded(Context ctx, Authenticate authenticate, Refuse refuse, Handler fn) {
  return [ctx, authenticate, refuse, fn](request req) {
    return answer_guarded(ctx, std::move(req), authenticate, refuse, fn);
  };
}

}  // namespace platform::http
