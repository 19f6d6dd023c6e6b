// Trade rules: the market's post, in the shape post::posts gives every post (images, views, authorship,
// likes).
#pragma once

#include "apps/daengtionary/post/service.hpp"
#include "apps/daengtionary/trade/dto.hpp"
#include "apps/daengtionary/trade/repository.hpp"
#include "apps/daengtionary/trade/validation.hpp"

namespace daengtionary::trade {

// Trades as post::posts writes and reads them: the detail has no children.
struct trade_kind {
  using form = trade_form;
  using filter = trade_filter;
  using summary = trade_summary;
  using detail = trade_detail;
  static constexpr std::size_t max_images = trade::max_images;
  static constexpr auto tables = repository::tables;
  static constexpr auto insert = repository::insert_trade;
  static constexpr auto rewrite = repository::update_trade;
  static constexpr auto find = repository::find_trade;
  static constexpr auto list = repository::list_trades;
  static constexpr auto of_member = repository::trades_of;
  static constexpr auto validate = trade::validate;
};

class service : public post::posts<trade_kind> {
 public:
  using posts::posts;
};

}  // namespace daengtionary::trade
