// Daengtionary's pure pieces: date strings, member rules, the error table, envelopes, JSON binding, dog rules.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <limits>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/member/validation.hpp"
#include "apps/daengtionary/mypage/service.hpp"
#include "platform/json/binding.hpp"

namespace {

using namespace std::chrono;
using daengtionary::errc;
using platform::http::status;

// Microseconds since the epoch of a UTC wall-clock time.
std::int64_t utc(int y, unsigned mo, unsigned d, int h, int mi, int s, std::int64_t micros = 0) {
  const sys_days date{year{y} / month{mo} / day{d}};
  return duration_cast<microseconds>((date + hours{h} + minutes{mi} + seconds{s}).time_since_epoch()).count() + micros;
}

// ---------------------------------------------------------------------------------------------------------
// Dates (contract §1.6): Asia/Seoul = UTC+9, Java's `hh` is 01-12 and `a` is 오전 before noon, 오후 from noon.

TEST(Dates, FormatsContractExampleWhenKoreanDatetime) {
  EXPECT_EQ(daengtionary::korean_datetime(1664950365000000), "2022년 10월 05일 수요일 오후 03:12:45");
  EXPECT_EQ(utc(2022, 10, 5, 6, 12, 45), 1664950365000000) << "the helper itself";
}

TEST(Dates, IgnoresMicrosecondsWhenKoreanDatetime) {
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 5, 6, 12, 45, 999999)),
            "2022년 10월 05일 수요일 오후 03:12:45");
}

TEST(Dates, RendersMidnightAsTwelveAmWhenSeoulMidnight) {
  // 15:00 UTC is 00:00 the next day in Seoul.
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 4, 15, 0, 0)), "2022년 10월 05일 수요일 오전 12:00:00");
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 4, 15, 59, 59)), "2022년 10월 05일 수요일 오전 12:59:59");
  EXPECT_EQ(daengtionary::short_datetime(utc(2022, 10, 4, 15, 0, 0)), "22-10-05 12:00:00");
}

TEST(Dates, RendersNoonAsTwelvePmWhenSeoulNoon) {
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 5, 3, 0, 0)), "2022년 10월 05일 수요일 오후 12:00:00");
  EXPECT_EQ(daengtionary::short_datetime(utc(2022, 10, 5, 3, 0, 0)), "22-10-05 12:00:00");
}

TEST(Dates, SwitchesAmPmAtNoonWhenAroundIt) {
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 5, 2, 59, 59)), "2022년 10월 05일 수요일 오전 11:59:59");
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 5, 4, 0, 0)), "2022년 10월 05일 수요일 오후 01:00:00");
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 4, 16, 0, 0)), "2022년 10월 05일 수요일 오전 01:00:00");
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 5, 14, 59, 59)), "2022년 10월 05일 수요일 오후 11:59:59");
}

TEST(Dates, CrossesYearWhenNineHoursAddedOnNewYearsEve) {
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 12, 31, 14, 59, 59)), "2022년 12월 31일 토요일 오후 11:59:59");
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 12, 31, 15, 0, 0)), "2023년 01월 01일 일요일 오전 12:00:00");
  EXPECT_EQ(daengtionary::short_datetime(utc(2022, 12, 31, 15, 0, 0)), "23-01-01 12:00:00");
  EXPECT_EQ(daengtionary::iso_local_datetime(utc(2022, 12, 31, 15, 0, 0)), "2023-01-01T00:00:00.000000");
}

TEST(Dates, StartsSeoulDayAtMidnightSeoulTime) {
  const auto day = daengtionary::seoul_day(utc(2022, 10, 4, 15, 0, 0));
  EXPECT_EQ(day, 19270) << "2022-10-05 is day 19270 since 1970-01-01";
  EXPECT_EQ(daengtionary::seoul_day(utc(2022, 10, 5, 14, 59, 59)), day);
  EXPECT_EQ(daengtionary::seoul_day(utc(2022, 10, 4, 14, 59, 59)), day - 1);
  EXPECT_EQ(daengtionary::seoul_day(utc(1969, 12, 31, 14, 59, 59)), -1) << "floors before the epoch";
}

TEST(Dates, CrossesIntoLeapDayWhenSeoulIsAhead) {
  EXPECT_EQ(daengtionary::korean_datetime(utc(2000, 2, 28, 15, 0, 0)), "2000년 02월 29일 화요일 오전 12:00:00");
  EXPECT_EQ(daengtionary::short_datetime(utc(2000, 2, 28, 15, 0, 0)), "00-02-29 12:00:00");
}

TEST(Dates, NamesEveryWeekdayWhenKoreanDatetime) {
  // 2022-10-02 was a Sunday; noon in Seoul is 03:00 UTC.
  const char* expected[] = {
      "2022년 10월 02일 일요일 오후 12:00:00", "2022년 10월 03일 월요일 오후 12:00:00",
      "2022년 10월 04일 화요일 오후 12:00:00", "2022년 10월 05일 수요일 오후 12:00:00",
      "2022년 10월 06일 목요일 오후 12:00:00", "2022년 10월 07일 금요일 오후 12:00:00",
      "2022년 10월 08일 토요일 오후 12:00:00",
  };
  for (unsigned i = 0; i < 7; ++i) {
    EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 2 + i, 3, 0, 0)), expected[i]);
  }
}

TEST(Dates, UsesSeoulWeekdayWhenUtcIsStillYesterday) {
  // Monday 23:30 UTC is Tuesday 08:30 in Seoul.
  EXPECT_EQ(daengtionary::korean_datetime(utc(2022, 10, 3, 23, 30, 0)), "2022년 10월 04일 화요일 오전 08:30:00");
}

TEST(Dates, KeepsSpacingFrontendSplitsOnWhenKoreanDatetime) {
  const std::string text = daengtionary::korean_datetime(1664950365000000);
  // FE: date.split("년")[1].substring(1, 8) and date.split("요일")[1].
  const auto after_year = text.substr(text.find("년") + std::string_view("년").size());
  EXPECT_EQ(after_year.substr(1, std::string_view("10월 05일").size()), "10월 05일");
  EXPECT_EQ(text.substr(text.find("요일") + std::string_view("요일").size()), " 오후 03:12:45");
}

TEST(Dates, FormatsTwoDigitYearWithoutAmPmWhenShortDatetime) {
  EXPECT_EQ(daengtionary::short_datetime(1664950365000000), "22-10-05 03:12:45");
  EXPECT_EQ(daengtionary::short_datetime(utc(2009, 12, 31, 15, 30, 0)), "10-01-01 12:30:00");
  EXPECT_EQ(daengtionary::short_datetime(utc(2005, 3, 4, 21, 5, 6)), "05-03-05 06:05:06");
  EXPECT_EQ(daengtionary::short_datetime(utc(2022, 10, 5, 14, 59, 59)), "22-10-05 11:59:59");
}

TEST(Dates, KeepsMicrosecondsWhenIsoLocalDatetime) {
  EXPECT_EQ(daengtionary::iso_local_datetime(1664950365123456), "2022-10-05T15:12:45.123456");
  EXPECT_EQ(daengtionary::iso_local_datetime(utc(2022, 10, 5, 6, 12, 45, 7)), "2022-10-05T15:12:45.000007");
  EXPECT_EQ(daengtionary::iso_local_datetime(utc(2022, 10, 4, 15, 0, 0)), "2022-10-05T00:00:00.000000")
      << "24-hour clock in ISO";
}

TEST(Dates, HandlesInstantsBeforeEpochWhenNegative) {
  EXPECT_EQ(daengtionary::iso_local_datetime(0), "1970-01-01T09:00:00.000000");
  EXPECT_EQ(daengtionary::iso_local_datetime(-500000), "1970-01-01T08:59:59.500000");
  EXPECT_EQ(daengtionary::korean_datetime(-500000), "1970년 01월 01일 목요일 오전 08:59:59");
  EXPECT_EQ(daengtionary::korean_datetime(utc(1969, 12, 31, 14, 0, 0)), "1969년 12월 31일 수요일 오후 11:00:00");
}

TEST(Dates, ReturnsCurrentTimeWhenNowMicros) {
  const auto before = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  const auto now = daengtionary::now_micros();
  const auto after = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

// ---------------------------------------------------------------------------------------------------------
// Member validation.

TEST(MemberValidation, AcceptsEmailWhenWellFormed) {
  using daengtionary::member::is_valid_email;
  for (const char* email : {"user@example.com", "a@b.co", "dang.gwa-sa_jeon+tag@mail.example.co.kr", "U1@EXAMPLE.COM",
                            "x@sub-domain.example.info"}) {
    EXPECT_TRUE(is_valid_email(email)) << email;
  }
}

TEST(MemberValidation, RejectsEmailWhenMalformed) {
  using daengtionary::member::is_valid_email;
  for (const char* email : {"",
                            "user",
                            "user@",
                            "@example.com",
                            "user@example",
                            "user@example.c",
                            "user@example.c0m",
                            "user@.com",
                            "user@example.com.",
                            "a@b@example.com",
                            "user name@example.com",
                            "user@exa mple.com",
                            "user@example..com",
                            ".user@example.com",
                            "user.@example.com",
                            "user..name@example.com",
                            "user@.example.com",
                            "유저@example.com",
                            "user@예제.com",
                            "user@example.com\n",
                            "user@exa_mple.com"}) {
    EXPECT_FALSE(is_valid_email(email)) << "'" << email << "'";
  }
  EXPECT_FALSE(is_valid_email(std::string("user\0x@example.com", 18)));
}

TEST(MemberValidation, RejectsEmailWhenLongerThan254Bytes) {
  using daengtionary::member::is_valid_email;
  // 64 + 1 + 185 + 4 = 254 bytes.
  const std::string local(64, 'a');
  const std::string domain = std::string(60, 'b') + "." + std::string(60, 'c') + "." + std::string(63, 'd') + ".com";
  const std::string at_limit = local + "@" + domain;
  ASSERT_EQ(at_limit.size(), 254U);
  EXPECT_TRUE(is_valid_email(at_limit));
  EXPECT_FALSE(is_valid_email("e" + at_limit));
  EXPECT_FALSE(is_valid_email(std::string(1000, 'a') + "@example.com"));
}

TEST(MemberValidation, LowerCasesEmailWhenNormalized) {
  EXPECT_EQ(daengtionary::member::normalize_email("Dang.GWA@Example.COM"), "dang.gwa@example.com");
  EXPECT_EQ(daengtionary::member::normalize_email("already@lower.kr"), "already@lower.kr");
  EXPECT_EQ(daengtionary::member::normalize_email(""), "");
}

TEST(MemberValidation, RejectsPasswordWhenOutside8To72Bytes) {
  using daengtionary::member::is_valid_password;
  EXPECT_FALSE(is_valid_password(""));
  EXPECT_FALSE(is_valid_password(std::string(7, 'p')));
  EXPECT_TRUE(is_valid_password(std::string(8, 'p')));
  EXPECT_TRUE(is_valid_password(std::string(72, 'p')));
  EXPECT_FALSE(is_valid_password(std::string(73, 'p')));
  // Bytes, not characters: three Hangul syllables are 9 bytes; 24 of them are 72, 25 are 75.
  EXPECT_TRUE(is_valid_password("비밀번"));
  std::string hangul;
  for (int i = 0; i < 24; ++i) hangul += "비";
  EXPECT_TRUE(is_valid_password(hangul));
  EXPECT_FALSE(is_valid_password(hangul + "비"));
}

TEST(MemberValidation, RejectsPasswordWhenItContainsNul) {
  using daengtionary::member::is_valid_password;
  EXPECT_FALSE(is_valid_password(std::string("abcd\0efgh", 9)));
  EXPECT_FALSE(is_valid_password(std::string("\0abcdefgh", 9)));
  EXPECT_FALSE(is_valid_password(std::string(10, '\0')));
}

TEST(MemberValidation, AcceptsNickWhenTwoToEightAllowedCharacters) {
  using daengtionary::member::is_valid_nick;
  for (const char* nick : {"댕댕", "ab", "a1", "99", "댕댕a1", "abcdefgh", "댕댕댕댕댕댕댕댕", "가힣", "멍멍이z9"}) {
    EXPECT_TRUE(is_valid_nick(nick)) << nick;
  }
}

TEST(MemberValidation, RejectsNickWhenTooShortOrTooLong) {
  using daengtionary::member::is_valid_nick;
  EXPECT_FALSE(is_valid_nick(""));
  EXPECT_FALSE(is_valid_nick("a"));
  EXPECT_FALSE(is_valid_nick("댕"));
  EXPECT_FALSE(is_valid_nick("abcdefghi"));
  EXPECT_FALSE(is_valid_nick("댕댕댕댕댕댕댕댕댕"));
  EXPECT_FALSE(is_valid_nick("댕댕댕댕댕댕댕댕a"));
}

TEST(MemberValidation, RejectsNickWhenCharacterOutsideAllowedSet) {
  using daengtionary::member::is_valid_nick;
  for (const char* nick :
       {"Ab", "AB", "댕 댕", " ab", "ab ", "a_b", "a-b", "댕🐶", "🐶🐶", "ㄱㄴ", "ㅏㅏ", "ａｂ", "ab!", "한글ä", "ab\t"}) {
    EXPECT_FALSE(is_valid_nick(nick)) << "'" << nick << "'";
  }
  EXPECT_FALSE(is_valid_nick(std::string("ab\0", 3)));
}

TEST(MemberValidation, RejectsNickWhenUtf8Invalid) {
  using daengtionary::member::is_valid_nick;
  const std::vector<std::string> invalid = {
      "\xEB\x8C",          // "댕" cut after two of its three bytes
      "ab\xEB",            // truncated at the end
      "\x80\x80",          // lone continuation bytes
      "a\xFF",             // never valid in UTF-8
      "\xEB\x8C\x95\x80",  // "댕" followed by a stray continuation byte
      "\xEB"
      "ab",  // lead byte followed by ASCII
  };
  for (const auto& nick : invalid) {
    EXPECT_FALSE(is_valid_nick(nick)) << testing::PrintToString(nick);
  }
}

TEST(MemberValidation, RejectsNickWhenUtf8Overlong) {
  using daengtionary::member::is_valid_nick;
  // Overlong forms are invalid UTF-8 (RFC 3629): "\xC1\xA1" is a two-byte 'a', "\xF0\x8A\xB0\x80" a four-byte '가'.
  // Accepting them lets a nick that is not valid UTF-8 reach the database: PostgreSQL then fails the insert
  // (a 500 instead of the contract's 400), SQLite stores bytes the frontend shows as U+FFFD.
  EXPECT_FALSE(is_valid_nick("a\xC1\xA1")) << "'a' + overlong 'a'";
  EXPECT_FALSE(is_valid_nick("\xC1\xA1\xC1\xA2")) << "overlong 'a' 'b'";
  EXPECT_FALSE(is_valid_nick("\xF0\x8A\xB0\x80\xF0\x8A\xB0\x80")) << "overlong '가가'";
}

TEST(MemberValidation, AcceptsOnlyThreeRolesWhenValidatingRole) {
  using daengtionary::member::is_valid_role;
  EXPECT_TRUE(is_valid_role("USER"));
  EXPECT_TRUE(is_valid_role("BUSINESS"));
  EXPECT_TRUE(is_valid_role("ADMIN"));
  for (const char* role : {"", "user", "Admin", "ROLE_USER", "GUEST", "USER "}) {
    EXPECT_FALSE(is_valid_role(role)) << "'" << role << "'";
  }
}

// ---------------------------------------------------------------------------------------------------------
// The ErrorCode table, written from contract §1.3.

struct expected_error {
  errc e;
  int status;
  const char* code;
  const char* message;
};

const expected_error contract_errors[] = {
    {errc::not_valid_content, 400, "BAD_REQUEST", "유효하지 않는 내용입니다."},
    {errc::duplicate_email, 400, "DUPLICATE_EMAIL", "이미 사용중인 email 입니다."},
    {errc::duplicate_nick, 400, "DUPLICATE_NICK", "이미 사용중인 닉네임 입니다."},
    {errc::wrong_admin_code, 400, "WRONG_ADMINCODE", "관리자 코드가 일치하지 않습니다."},
    {errc::invalid_token, 401, "UNAUTHORIZED", "권한 정보가 없는 token 입니다."},
    {errc::wrong_email, 400, "WRONG_EMAIL", "존재하지 않는 email 입니다."},
    {errc::wrong_password, 400, "WRONG_PASSWORD", "비밀번호가 일치하지 않습니다."},
    {errc::not_found_user_info, 404, "NOT_FOUND", "해당 유저가 존재하지 않습니다"},
    {errc::wrong_input_content, 415, "UNSUPPORTED_MEDIA_TYPE", "업로드 타입이 잘못되었습니다"},
    {errc::map_not_found, 404, "NOT_FOUND", "해당 게시물을 찾을 수 없습니다."},
    {errc::map_wrong_access, 400, "BAD_REQUEST", "본인의 게시글이 아닙니다."},
    {errc::friend_is_not_member, 400, "BAD_REQUEST", "본인은 참가할수 없습니다."},
    {errc::review_not_found, 404, "NOT_FOUND", "해당 게시물을 찾을 수 없습니다."},
    {errc::cannot_chat_with_me, 400, "CANNOT_CHAT_WITH_ME", "나 자신은 채팅의 대상이 될 수 없습니다."},
    {errc::not_found_chat_room, 404, "NOT_FOUND_CHAT_ROOM", "해당 채팅방은 존재하지 않습니다."},
    {errc::not_found_chat_room_member, 404, "NOT_FOUND_CHAT_ROOM_MEMBER", "해당 참여자를 찾을 수 없습니다."},
    {errc::image_upload_error, 400, "BAD_REQUEST", "이미지 업로드에 실패했습니다"},
    {errc::wrong_image_format, 400, "BAD_REQUEST", "지원하지 않는 파일 형식입니다."},
    {errc::not_found_dog_info, 400, "BAD_REQUEST", "반려견 정보가 없습니다."},
};

TEST(Errc, MatchesContractWhenDescribingEveryErrc) {
  for (const auto& want : contract_errors) {
    const auto& got = daengtionary::describe(want.e);
    EXPECT_EQ(static_cast<int>(got.status), want.status) << want.code << " " << want.message;
    EXPECT_EQ(got.code, want.code) << want.message;
    EXPECT_EQ(got.message, want.message) << want.code;
  }
}

TEST(Errc, CoversEveryErrcWhenTableWritten) {
  // errc has no sentinel; the last enumerator is not_found_dog_info. A new errc must be added to the table above.
  EXPECT_EQ(std::size(contract_errors), static_cast<std::size_t>(errc::not_found_dog_info) + 1);
  for (std::size_t i = 0; i < std::size(contract_errors); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(contract_errors[i].e), i);
  }
}

TEST(Errc, ThrowsLogicErrorWhenResultValueReadOnError) {
  const daengtionary::result<int> failed = errc::not_found_dog_info;
  EXPECT_THROW((void)failed.value(), std::logic_error);
}

// ---------------------------------------------------------------------------------------------------------
// Envelopes.

TEST(Envelope, OmitsDataWhenOkHasOnlyMessage) {
  const auto res = daengtionary::ok("m");
  EXPECT_EQ(res.result(), status::ok);
  EXPECT_EQ(res.body(), R"({"state":200,"message":"m"})");
  EXPECT_EQ(res[boost::beast::http::field::content_type], "application/json");
}

TEST(Envelope, KeepsKoreanUnescapedWhenOkMessage) {
  EXPECT_EQ(daengtionary::ok("사용 가능한 닉네임 입니다.").body(),
            R"({"state":200,"message":"사용 가능한 닉네임 입니다."})");
}

TEST(Envelope, PutsDataBetweenStateAndMessageWhenOkHasData) {
  const boost::json::value data = boost::json::parse(R"({"nick":"댕댕","dogs":[{"dogNo":1,"image":null}]})");
  const auto res = daengtionary::ok(data, "조회 성공");
  EXPECT_EQ(res.result(), status::ok);
  EXPECT_EQ(res.body(),
            R"({"state":200,"data":{"nick":"댕댕","dogs":[{"dogNo":1,"image":null}]},"message":"조회 성공"})");
  EXPECT_EQ(res[boost::beast::http::field::content_type], "application/json");
}

TEST(Envelope, KeepsEmptyListWhenOkDataIsEmptyArray) {
  EXPECT_EQ(daengtionary::ok(boost::json::array(), "m").body(), R"({"state":200,"data":[],"message":"m"})");
}

TEST(Envelope, EscapesQuotesWhenMessageHasThem) {
  EXPECT_EQ(daengtionary::ok("say \"hi\"\n").body(), R"({"state":200,"message":"say \"hi\"\n"})");
}

TEST(Envelope, Answers401WhenFailInvalidToken) {
  const auto res = daengtionary::fail(errc::invalid_token);
  EXPECT_EQ(res.result(), status::unauthorized);
  EXPECT_EQ(res.body(), R"({"status":401,"code":"UNAUTHORIZED","message":"권한 정보가 없는 token 입니다."})");
  EXPECT_EQ(res[boost::beast::http::field::content_type], "application/json");
}

TEST(Envelope, MatchesContractWhenFailForEveryErrc) {
  for (const auto& want : contract_errors) {
    const auto res = daengtionary::fail(want.e);
    EXPECT_EQ(static_cast<int>(res.result()), want.status) << want.code;
    EXPECT_EQ(res.body(), std::string(R"({"status":)") + std::to_string(want.status) + R"(,"code":")" + want.code +
                              R"(","message":")" + want.message + R"("})");
  }
}

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS", read as UTC.
std::int64_t parse_utc_seconds(const std::string& text) {
  std::tm tm{};
  if (sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
             &tm.tm_sec) != 6) {
    return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

TEST(Envelope, RendersSpringDefaultErrorWhenFrameworkError) {
  const platform::http::problem problem{status::bad_request, "/community", "Required parameter 'pagenum' is missing"};
  const auto before = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
  const auto res = daengtionary::framework_error(problem);
  const auto after = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
  EXPECT_EQ(res.result(), status::bad_request);
  EXPECT_EQ(res[boost::beast::http::field::content_type], "application/json");

  const boost::json::value body = boost::json::parse(res.body());
  ASSERT_TRUE(body.is_object());
  const auto& object = body.as_object();
  std::vector<std::string> keys;
  for (const auto& entry : object) keys.emplace_back(entry.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"timestamp", "status", "error", "path", "message"}));
  EXPECT_EQ(object.at("status"), 400);
  EXPECT_EQ(object.at("error"), "Bad Request");
  EXPECT_EQ(object.at("path"), "/community");
  EXPECT_EQ(object.at("message"), "Required parameter 'pagenum' is missing");

  // Spring: "2022-10-05T06:12:45.123+00:00" (UTC, milliseconds).
  const std::string timestamp(object.at("timestamp").as_string());
  EXPECT_TRUE(std::regex_match(timestamp, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00)")))
      << timestamp;
  const auto stamped = parse_utc_seconds(timestamp);
  EXPECT_GE(stamped, before);
  EXPECT_LE(stamped, after);
}

TEST(Envelope, UsesReasonPhraseWhenFrameworkErrorStatusVaries) {
  struct expected {
    status code;
    const char* error;
  };
  for (const auto& want :
       {expected{status::not_found, "Not Found"}, expected{status::method_not_allowed, "Method Not Allowed"},
        expected{status::unsupported_media_type, "Unsupported Media Type"},
        expected{status::payload_too_large, "Payload Too Large"},
        expected{status::internal_server_error, "Internal Server Error"}}) {
    const auto res = daengtionary::framework_error({want.code, "/x", "m"});
    EXPECT_EQ(res.result(), want.code);
    const auto body = boost::json::parse(res.body()).as_object();
    EXPECT_EQ(body.at("status"), static_cast<int>(want.code));
    EXPECT_EQ(body.at("error"), want.error);
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON binding (contract §1.7: numbers may arrive as strings, "" as 0).

boost::json::object object_of(std::string_view text) {
  auto parsed = platform::json::parse_object(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(boost::json::object());
}

TEST(JsonBinding, ParsesObjectWhenTextIsJsonObject) {
  EXPECT_TRUE(platform::json::parse_object("{}").has_value());
  EXPECT_EQ(platform::json::parse_object(R"({"a":1})")->at("a"), 1);
}

TEST(JsonBinding, ReturnsNulloptWhenTextIsNotJsonObject) {
  for (const char* text : {"", "[]", "[{}]", "1", "\"s\"", "null", "{", "{\"a\":}", "{} {}", "not json"}) {
    EXPECT_FALSE(platform::json::parse_object(text).has_value()) << text;
  }
}

TEST(JsonBinding, CoercesNumbersAndStringsWhenNumberField) {
  using platform::json::number_field;
  const auto o = object_of(
      R"({"int":15000,"neg":-3,"real":5.5,"str":"15000","spaced":" 5.5 ","empty":"","blank":"  ","exp":"1e3","negstr":"-2.25","big":12345678901})");
  bool wrong = false;
  EXPECT_EQ(number_field(o, "int", &wrong), 15000.0);
  EXPECT_EQ(number_field(o, "neg", &wrong), -3.0);
  EXPECT_EQ(number_field(o, "real", &wrong), 5.5);
  EXPECT_EQ(number_field(o, "str", &wrong), 15000.0);
  EXPECT_EQ(number_field(o, "spaced", &wrong), 5.5);
  EXPECT_EQ(number_field(o, "empty", &wrong), 0.0);
  EXPECT_EQ(number_field(o, "blank", &wrong), 0.0);
  EXPECT_EQ(number_field(o, "exp", &wrong), 1000.0);
  EXPECT_EQ(number_field(o, "negstr", &wrong), -2.25);
  EXPECT_EQ(number_field(o, "big", &wrong), 12345678901.0);
  EXPECT_FALSE(wrong);
}

TEST(JsonBinding, ReturnsNulloptWithoutFlagWhenNumberFieldAbsentOrNull) {
  using platform::json::number_field;
  const auto o = object_of(R"({"nothing":null})");
  bool wrong = false;
  EXPECT_EQ(number_field(o, "nothing", &wrong), std::nullopt);
  EXPECT_EQ(number_field(o, "maxCount", &wrong), std::nullopt);
  EXPECT_FALSE(wrong);
  EXPECT_EQ(number_field(o, "maxCount"), std::nullopt) << "the flag is optional";
}

TEST(JsonBinding, FlagsWrongTypeWhenNumberFieldNotNumeric) {
  using platform::json::number_field;
  const auto o = object_of(
      R"({"word":"abc","tail":"12abc","hex":"0x10","nan":"NaN","inf":"inf","two":"1 2","arr":[1],"obj":{"a":1},"yes":true,"comma":"15,000"})");
  for (const char* key : {"word", "tail", "hex", "nan", "inf", "two", "arr", "obj", "yes", "comma"}) {
    bool wrong = false;
    EXPECT_EQ(number_field(o, key, &wrong), std::nullopt) << key;
    EXPECT_TRUE(wrong) << key;
  }
  EXPECT_EQ(number_field(o, "word"), std::nullopt) << "a null flag pointer is allowed";
}

TEST(JsonBinding, CoercesScalarsToTextWhenTextField) {
  using platform::json::text_field;
  const auto o = object_of(R"({"s":"뽀삐","empty":"","int":15000,"neg":-7,"t":true,"f":false})");
  bool wrong = false;
  EXPECT_EQ(text_field(o, "s", &wrong), std::optional<std::string>("뽀삐"));
  EXPECT_EQ(text_field(o, "empty", &wrong), std::optional<std::string>(""));
  EXPECT_EQ(text_field(o, "int", &wrong), std::optional<std::string>("15000"));
  EXPECT_EQ(text_field(o, "neg", &wrong), std::optional<std::string>("-7"));
  EXPECT_EQ(text_field(o, "t", &wrong), std::optional<std::string>("true"));
  EXPECT_EQ(text_field(o, "f", &wrong), std::optional<std::string>("false"));
  EXPECT_FALSE(wrong);
}

TEST(JsonBinding, WritesDecimalAsJacksonDoesWhenTextFieldGetsFloat) {
  using platform::json::text_field;
  // Jackson hands a String property the number's text: 3.5 → "3.5", not an exponent form.
  const auto o = object_of(R"({"w":3.5,"half":0.5})");
  EXPECT_EQ(text_field(o, "w"), std::optional<std::string>("3.5"));
  EXPECT_EQ(text_field(o, "half"), std::optional<std::string>("0.5"));
}

TEST(JsonBinding, FlagsWrongTypeWhenTextFieldIsArrayOrObject) {
  using platform::json::text_field;
  const auto o = object_of(R"({"arr":["a"],"obj":{"a":"b"},"nothing":null})");
  for (const char* key : {"arr", "obj"}) {
    bool wrong = false;
    EXPECT_EQ(text_field(o, key, &wrong), std::nullopt) << key;
    EXPECT_TRUE(wrong) << key;
  }
  bool wrong = false;
  EXPECT_EQ(text_field(o, "nothing", &wrong), std::nullopt);
  EXPECT_EQ(text_field(o, "absent", &wrong), std::nullopt);
  EXPECT_FALSE(wrong);
}

// ---------------------------------------------------------------------------------------------------------
// Dog form rules.

daengtionary::mypage::dog_form good_dog() { return {"뽀삐", "말티즈", "수컷", 3.5}; }

bool rejected(const daengtionary::mypage::dog_form& form) {
  const auto result = daengtionary::mypage::validate(form);
  if (result) return false;
  EXPECT_EQ(result.error(), errc::not_valid_content);
  return true;
}

TEST(DogForm, AcceptsDogWhenFrontendCouldSendIt) {
  EXPECT_TRUE(daengtionary::mypage::validate(good_dog()).has_value());
  auto female = good_dog();
  female.gender = "암컷";
  EXPECT_TRUE(daengtionary::mypage::validate(female).has_value());
  auto weightless = good_dog();
  weightless.weight = 0;  // "" coerced to 0 by the binding
  EXPECT_TRUE(daengtionary::mypage::validate(weightless).has_value());
  auto heavy = good_dog();
  heavy.weight = 9999;
  EXPECT_TRUE(daengtionary::mypage::validate(heavy).has_value());
}

TEST(DogForm, RejectsDogWhenGenderNotKorean) {
  for (const char* gender : {"", "male", "female", "수", "수컷 ", "MALE", "암컷컷"}) {
    auto form = good_dog();
    form.gender = gender;
    EXPECT_TRUE(rejected(form)) << "'" << gender << "'";
  }
}

TEST(DogForm, RejectsDogWhenNameOrBreedBlank) {
  for (const char* blank : {"", " ", "\t\r\n "}) {
    auto no_name = good_dog();
    no_name.name = blank;
    EXPECT_TRUE(rejected(no_name)) << "name '" << blank << "'";
    auto no_breed = good_dog();
    no_breed.breed = blank;
    EXPECT_TRUE(rejected(no_breed)) << "breed '" << blank << "'";
  }
}

TEST(DogForm, RejectsDogWhenWeightOutOfRange) {
  for (const double weight : {-0.1, -1.0, 9999.5, 10000.0, std::numeric_limits<double>::quiet_NaN(),
                              std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
    auto form = good_dog();
    form.weight = weight;
    EXPECT_TRUE(rejected(form)) << weight;
  }
}

TEST(DogForm, RejectsDogWhenNameOrBreedTooLong) {
  std::string twenty_syllables;
  for (int i = 0; i < 20; ++i) twenty_syllables += "뽀";  // 60 bytes
  auto named = good_dog();
  named.name = twenty_syllables;
  EXPECT_TRUE(daengtionary::mypage::validate(named).has_value());
  named.name += "a";
  EXPECT_TRUE(rejected(named));

  std::string thirty_syllables;
  for (int i = 0; i < 30; ++i) thirty_syllables += "말";  // 90 bytes
  auto bred = good_dog();
  bred.breed = thirty_syllables;
  EXPECT_TRUE(daengtionary::mypage::validate(bred).has_value());
  bred.breed += "a";
  EXPECT_TRUE(rejected(bred));
}

}  // namespace
