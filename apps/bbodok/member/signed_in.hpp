// Routes only members may call: platform::http's guard with Bbodok's authentication (the member the
// request's Authorization header names) and refusal (401 인증이 필요해요., which starts the frontend's refresh).
// bind_signed_in(context, fn) makes a route that runs fn(context, request, member); the context needs
// `members`, the member service.
#pragma once

#include <string>
#include <utility>

#include "apps/bbodok/common/async.hpp"
#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/service.hpp"
#include "platform/http/guard.hpp"

namespace bbodok::member {

struct signed_in_member {
  template <class Context>
  asio::awaitable<result<member_record>> operator()(const Context& ctx, const platform::http::request& req) const {
    return ctx.members.require(std::string(req.header("Authorization")));
  }
};

struct refuse_anonymous {
  platform::http::response operator()(const result<member_record>& outcome) const { return fail(outcome.error()); }
};

template <class Context, class Handler>
platform::http::handler bind_signed_in(Context ctx, Handler fn) {
  return platform::http::bind_guarded(std::move(ctx), signed_in_member{}, refuse_anonymous{}, std::move(fn));
}

}  // namespace bbodok::member
