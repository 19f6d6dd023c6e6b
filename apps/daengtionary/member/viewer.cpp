#include "apps/daengtionary/member/viewer.hpp"

#include "apps/daengtionary/common/request_params.hpp"
#include "apps/daengtionary/member/service.hpp"

namespace daengtionary::member {

asio::awaitable<std::string> viewer_of(service& members, const platform::http::request& req) {
  const auto me = co_await members.authenticate(std::string(req.header("Authorization")));
  co_return viewer_key(me ? std::optional(me->member_no) : std::nullopt, req.remote_ip);
}

}  // namespace daengtionary::member
