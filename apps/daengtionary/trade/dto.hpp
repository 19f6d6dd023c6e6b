// Market posts (trade): the form that creates or rewrites one, list rows, the detail and list filters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

namespace daengtionary::trade {

// All seven fields of the `data` part; the frontend always sends every one.
struct trade_form {
  std::string title;
  std::string address;
  std::string stuff_status;  // 중고, 거의 새 것, 새 물건 or ""
  std::string exchange;      // 교환불가 or 교환가능
  std::int64_t price = 0;
  std::string content;
  std::string post_status;  // 판매중, 예약중 or 판매완료
};

// A list row (TradeResponseDto); also the rows of /mypage/mypost/trade.
struct trade_summary {
  std::int64_t trade_no = 0;
  std::string nick;  // the author's
  std::string title;
  std::string post_status;
  std::int64_t views = 0;
  std::int64_t price = 0;
  std::optional<std::string> image;  // the first image (lowest id)
  std::int64_t wish_count = 0;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(trade_summary, (),
                      (trade_no, nick, title, post_status, views, price, image, wish_count, created_at, modified_at))

struct trade_record {
  std::int64_t trade_no = 0;
  std::int64_t member_no = 0;
  std::string nick;  // the author's
  std::string title;
  std::string address;
  std::string stuff_status;
  std::string exchange;
  std::string post_status;
  std::string content;
  std::int64_t price = 0;
  std::int64_t views = 0;
  std::int64_t wish_count = 0;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(trade_record, (),
                      (trade_no, member_no, nick, title, address, stuff_status, exchange, post_status, content, price,
                       views, wish_count, created_at, modified_at))

// TradeDetailResponseDto: the post and its image URLs in upload order.
struct trade_detail {
  trade_record post;
  std::vector<std::string> images;
  bool viewer_counted = false;  // this viewer's view was counted today before this read
};

// List filters, the query of GET /trade/search (query_filter); an empty string means no filter.
struct trade_filter {
  std::string title;        // substring, case-insensitive
  std::string content;      // substring, case-insensitive
  std::string nick;         // exact, the author's
  std::string address;      // substring, case-insensitive
  std::string post_status;  // exact
};
BOOST_DESCRIBE_STRUCT(trade_filter, (), (title, content, nick, address, post_status))

}  // namespace daengtionary::trade
