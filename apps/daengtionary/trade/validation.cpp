// Trade form binding and validation.
#include "apps/daengtionary/trade/validation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string_view>

#include "apps/daengtionary/common/text.hpp"
#include "platform/json/binding.hpp"

namespace daengtionary::trade {
namespace {

// Bytes, generous for Hangul (3 bytes a syllable): 100, 5000 and 100 characters.
constexpr std::size_t max_title_bytes = 300;
constexpr std::size_t max_content_bytes = 15000;
constexpr std::size_t max_address_bytes = 300;

// The frontend sends the first three and "" (no box ticked) for stuffStatus, only 판매중 and 교환불가 for
// the others; the rest are the states a seller would move a post through.
constexpr std::array<std::string_view, 4> stuff_statuses{"중고", "거의 새 것", "새 물건", ""};
constexpr std::array<std::string_view, 2> exchanges{"교환불가", "교환가능"};
constexpr std::array<std::string_view, 3> post_statuses{"판매중", "예약중", "판매완료"};

bool one_of(std::span<const std::string_view> allowed, std::string_view text) {
  return std::ranges::find(allowed, text) != allowed.end();
}

}  // namespace

std::optional<std::int64_t> price_of(const boost::json::object& data) {
  bool wrong_type = false;
  const auto price = platform::json::number_field(data, "price", &wrong_type);
  if (wrong_type || !price || std::floor(*price) != *price || *price < 0 || *price > static_cast<double>(max_price)) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*price);
}

result<trade_form> trade_form_of(const boost::json::object& data) {
  bool wrong_type = false;
  auto text = [&](std::string_view key) { return platform::json::text_field(data, key, &wrong_type); };
  auto title = text("title");
  auto address = text("address");
  auto stuff_status = text("stuffStatus");
  auto exchange = text("exchange");
  auto content = text("content");
  auto post_status = text("postStatus");
  const auto price = price_of(data);
  if (wrong_type || !title || !address || !stuff_status || !exchange || !content || !post_status || !price) {
    return errc::not_valid_content;
  }
  return trade_form{std::move(*title),   std::move(*address),    std::move(*stuff_status), std::move(*exchange), *price,
                    std::move(*content), std::move(*post_status)};
}

result<void> validate(const trade_form& form) {
  const bool valid = !is_blank(form.title) && form.title.size() <= max_title_bytes &&
                     form.address.size() <= max_address_bytes && form.content.size() <= max_content_bytes &&
                     one_of(stuff_statuses, form.stuff_status) && one_of(exchanges, form.exchange) &&
                     one_of(post_statuses, form.post_status) && form.price >= 0 && form.price <= max_price;
  if (!valid) return errc::not_valid_content;
  return {};
}

}  // namespace daengtionary::trade
