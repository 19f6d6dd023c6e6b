// The contract's date strings (§1.6), rendered in Asia/Seoul with Korean day and AM/PM names.
#pragma once

#include <cstdint>
#include <string>

namespace daengtionary {

// Instants are stored as microseconds since the Unix epoch, UTC.
std::int64_t now_micros();

// The Asia/Seoul day number of an instant (days since 1970-01-01 in Seoul): the unit of "once a day".
std::int64_t seoul_day(std::int64_t micros);

// "2022년 10월 05일 수요일 오후 03:12:45" (DTO createdAt/modifiedAt, chat dates).
std::string korean_datetime(std::int64_t micros);
// "22-10-05 03:12:45" (place detail; 12-hour clock without AM/PM, as the original).
std::string short_datetime(std::int64_t micros);
// "2022-10-05T15:12:45.123456" (raw entities embedded in responses).
std::string iso_local_datetime(std::int64_t micros);

}  // namespace daengtionary
