// Binding and checking a trade's `data` part (pure; unit-tested in tests/unit/trade_test.cpp).
#pragma once

#include <cstdint>
#include <optional>

#include <boost/json/object.hpp>

#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/trade/dto.hpp"

namespace daengtionary::trade {

inline constexpr std::int64_t max_price = 1'000'000'000;
// The frontend sends at most three files.
inline constexpr std::size_t max_images = 3;

// `price` as Jackson bound the original's int: a whole number or a numeric string, "" as 0. nullopt when it
// is absent or null, has a fraction, is negative or above max_price, or is not a number at all.
std::optional<std::int64_t> price_of(const boost::json::object& data);

// All seven fields of `data` (strings may arrive as numbers, as Jackson took them); not_valid_content
// when one is missing, null or of the wrong type, or the price is not one price_of takes.
result<trade_form> trade_form_of(const boost::json::object& data);

// not_valid_content unless the form is a post the frontend could have sent: a non-blank title, lengths
// within limits, known stuffStatus, exchange and postStatus, and 0 <= price <= max_price.
result<void> validate(const trade_form& form);

}  // namespace daengtionary::trade
