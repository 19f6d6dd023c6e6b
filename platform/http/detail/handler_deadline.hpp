// Running a route's handler under the per-request deadline (server_options::handler_timeout).
#pragma once

#include <exception>
#include <memory>
#include <optional>

#include "platform/http/detail/session.hpp"

namespace platform::http::detail {

struct handler_outcome {
  std::exception_ptr failure;  // what the handler threw, if it did
  response answer;             // what it returned otherwise
};

// Runs (*target)(req) on a coroutine of its own on the caller's strand and waits at most handler_timeout for
// it. nullopt: the deadline passed first. The handler cannot be stopped (its blocking-pool job may be stuck in
// the database), so it runs on; what it returns then is dropped and what it throws is logged. It counts in
// context->handlers until it ends.
asio::awaitable<std::optional<handler_outcome>> run_with_deadline(std::shared_ptr<server_context> context,
                                                                  const handler* target, request req);

}  // namespace platform::http::detail
