// Reading paging parameters and naming viewers.
#include "apps/daengtionary/common/request_params.hpp"

namespace daengtionary {

result<page> page_of(const platform::http::request& req) {
  return make_page(req.required_query_int("pagenum"), req.required_query_int("pagesize"));
}

std::string viewer_key(std::optional<std::int64_t> member_no, std::string_view remote_ip) {
  if (member_no) return "m:" + std::to_string(*member_no);
  return "ip:" + std::string(remote_ip);
}

}  // namespace daengtionary
