// The contract's date strings (§1.6), rendered in Asia/Seoul with Korean day and AM/PM names.
#pragma once

#include <cstdint>
#include <string>

#include "platform/time/seoul.hpp"

namespace daengtionary {

// Instants are microseconds since the Unix epoch, UTC; views count once per Asia/Seoul day.
using platform::time::now_micros;
using platform::time::seoul_day;

// "2022년 10월 05일 수요일 오후 03:12:45" (DTO createdAt/modifiedAt, chat dates).
std::string korean_datetime(std::int64_t micros);
// "22-10-05 03:12:45" (place detail; 12-hour clock without AM/PM, as the original).
std::string short_datetime(std::int64_t micros);
// "2022-10-05T15:12:45.123456" (raw entities embedded in responses): always six fraction digits, where
// platform::time::seoul_local_datetime drops trailing zeros.
std::string iso_local_datetime(std::int64_t micros);

}  // namespace daengtionary
