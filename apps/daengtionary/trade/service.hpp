// Trade rules: the market's post, in the shape post::service gives every post (images, views, authorship,
// likes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/post/service.hpp"
#include "apps/daengtionary/trade/dto.hpp"

namespace daengtionary::trade {

class service : public post::service {
 public:
  service(platform::sql::database& db, image_uploads& images);

  asio::awaitable<result<std::int64_t>> create(std::int64_t member_no, trade_form form, std::vector<upload> files);
  asio::awaitable<std::vector<trade_summary>> list(trade_filter filter, sort_order sort, page paging);
  // The member's own trades, newest first (/mypage/mypost/trade).
  asio::awaitable<std::vector<trade_summary>> list_of(std::int64_t member_no);
  // Counts the view once per viewer and Asia/Seoul day, then reads the trade.
  // viewer: "m:<member_no>" or "ip:<address>" (viewer_key).
  asio::awaitable<result<trade_detail>> view(std::int64_t trade_no, std::string viewer);
  // Keeps the images unless files are sent; then they replace the old ones.
  asio::awaitable<result<void>> update(std::int64_t member_no, std::int64_t trade_no, trade_form form,
                                       std::vector<upload> files);
};

}  // namespace daengtionary::trade
