// Synthetic posts for benchmarks: plain, varied rows written through the features' repositories.
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/community/repository.hpp"
#include "apps/daengtionary/place/repository.hpp"
#include "apps/daengtionary/seed/seed.hpp"
#include "apps/daengtionary/trade/repository.hpp"

namespace daengtionary::seed {
namespace {

constexpr const char* member_numbers = "SELECT member_no FROM member ORDER BY member_no";
constexpr std::array<const char*, 6> regions = {"서울 강남구", "부산 해운대구", "경기 성남시",
                                                "인천 연수구", "대구 중구",     "제주 제주시"};
constexpr std::array<const char*, 3> place_categories = {"hospital", "room", "shop"};
constexpr std::array<const char*, 4> community_categories = {"자유", "병원", "호텔", "장터"};
constexpr std::array<const char*, 3> stuff_statuses = {"중고", "거의 새 것", "새 물건"};
constexpr std::array<const char*, 2> exchanges = {"교환불가", "교환가능"};
constexpr std::array<const char*, 3> post_statuses = {"판매중", "예약중", "판매완료"};

std::vector<std::int64_t> authors(platform::sql::connection& db) {
  std::vector<std::int64_t> numbers;
  for (const auto& row : db.query(member_numbers)) numbers.push_back(row.as_int(0));
  if (numbers.empty()) throw std::runtime_error("bulk posts need members: load the demo set first");
  return numbers;
}

place::place_form place_of(std::size_t i) {
  return {fmt::format("테스트 장소 {}", i + 1), place_categories[i % place_categories.size()],
          fmt::format("벤치마크용 장소 설명 {}번입니다.", i + 1),
          fmt::format("{} 테스트로 {}", regions[i % regions.size()], i + 1)};
}

community::post_form community_post_of(std::size_t i) {
  return {community_categories[i % community_categories.size()], fmt::format("테스트 글 {}", i + 1),
          fmt::format("벤치마크용 커뮤니티 글 {}번입니다.", i + 1)};
}

trade::trade_form trade_of(std::size_t i) {
  return {.title = fmt::format("테스트 물건 {}", i + 1),
          .address = regions[i % regions.size()],
          .stuff_status = stuff_statuses[i % stuff_statuses.size()],
          .exchange = exchanges[i % exchanges.size()],
          .price = static_cast<std::int64_t>(1000 * (i % 50 + 1)),
          .content = fmt::format("벤치마크용 거래 글 {}번입니다.", i + 1),
          .post_status = post_statuses[i % post_statuses.size()]};
}

// `count` posts of one kind, form_of(i) written by the members in turn, a microsecond apart.
template <class FormOf, class Insert>
void add_posts(platform::sql::connection& db, const std::vector<std::int64_t>& members, std::size_t count,
               std::int64_t now, FormOf form_of, Insert insert) {
  for (std::size_t i = 0; i < count; ++i) {
    insert(db, members[i % members.size()], form_of(i), now + static_cast<std::int64_t>(i));
  }
}

}  // namespace

void add_bulk_posts(platform::sql::connection& db, std::size_t count) {
  const auto members = authors(db);
  const std::int64_t now = now_micros();
  add_posts(db, members, count, now, place_of, place::repository::insert_place);
  add_posts(db, members, count, now, community_post_of, community::repository::insert_post);
  add_posts(db, members, count, now, trade_of, trade::repository::insert_trade);
}

}  // namespace daengtionary::seed
