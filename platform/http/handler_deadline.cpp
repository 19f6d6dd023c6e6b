// The per-request handler deadline: the handler runs on its own coroutine, the request waits on a timer.
//
// Asio's awaitable operators (`handler() || timer`) cannot do this: they cancel the loser and then wait for
// it, and a blocking-pool job ignores cancellation, so a stuck handler would hold the request all the same.
#include "platform/http/detail/handler_deadline.hpp"

#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/io/spawn.hpp"

namespace platform::http::detail {
namespace {

// Where the handler's coroutine leaves its outcome for the request waiting on it, or for nobody once the
// deadline has passed. Shared by both; touched only on the connection's strand.
struct rendezvous {
  rendezvous(std::shared_ptr<server_context> server, const asio::any_io_executor& executor, std::string request_id)
      : context(std::move(server)), wake(executor), id(std::move(request_id)) {
    context->handlers.fetch_add(1, std::memory_order_acq_rel);
  }
  rendezvous(const rendezvous&) = delete;
  rendezvous& operator=(const rendezvous&) = delete;
  ~rendezvous() { context->handlers.fetch_sub(1, std::memory_order_acq_rel); }

  std::shared_ptr<server_context> context;  // kept alive for a handler that outlives its connection
  asio::steady_timer wake;                  // expires at the deadline; cancelled when the handler is done
  std::string id;
  std::optional<handler_outcome> outcome;
  bool abandoned = false;  // the deadline passed and the client was answered: nobody waits any more
};

// co_spawn's completion handler for the handler's coroutine.
class deliver {
 public:
  explicit deliver(std::shared_ptr<rendezvous> meeting) : meeting_(std::move(meeting)) {}

  void operator()(const std::exception_ptr& failure, response answer) const {
    if (meeting_->abandoned) {
      if (failure) {
        io::log_escaped(fmt::format("{} handler (after its deadline)", meeting_->id), failure);
      } else {
        spdlog::warn("{} handler answered {} after its deadline: dropped", meeting_->id, answer.result_int());
      }
      return;
    }
    meeting_->outcome.emplace();
    meeting_->outcome->failure = failure;
    meeting_->outcome->answer = std::move(answer);
    meeting_->wake.cancel();
  }

 private:
  std::shared_ptr<rendezvous> meeting_;
};

}  // namespace

asio::awaitable<std::optional<handler_outcome>> run_with_deadline(std::shared_ptr<server_context> context,
                                                                  const handler* target, request req) {
  const auto executor = co_await asio::this_coro::executor;
  const auto timeout = context->options.handler_timeout;
  auto meeting = std::make_shared<rendezvous>(std::move(context), executor, req.id);
  meeting->wake.expires_after(timeout);
  asio::co_spawn(executor, (*target)(std::move(req)), deliver(meeting));
  // The handler may have run to its end already; otherwise its end cancels the wait.
  if (!meeting->outcome) co_await meeting->wake.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!meeting->outcome) meeting->abandoned = true;
  co_return std::move(meeting->outcome);
}

}  // namespace platform::http::detail
