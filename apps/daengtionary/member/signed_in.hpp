// Routes only members may call. bind_signed_in(context, fn) makes a route that runs
// fn(context, request, member) when the request's Authorization header names a member, and answers the
// contract's 401 envelope (INVALID_TOKEN) without calling fn otherwise. The context needs `members`, the
// member service.
#pragma once

#include <utility>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "platform/http/router.hpp"

namespace daengtionary::member {

template <class Context, class Handler>
asio::awaitable<platform::http::response> answer_signed_in(Context ctx, platform::http::request req, Handler fn) {
  auto me = co_await ctx.members.require(std::string(req.header("Authorization")));
  if (!me) co_return fail(me.error());
  co_return co_await fn(ctx, std::move(req), std::move(*me));
}

template <class Context, class Handler>
platform::http::handler bind_signed_in(Context ctx, Handler fn) {
  return [ctx, fn](platform::http::request req) { return answer_signed_in(ctx, std::move(req), fn); };
}

}  // namespace daengtionary::member
