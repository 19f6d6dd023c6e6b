// Synthetic members, groups and a month of booked rooms around today, for benchmarks.
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "apps/bbodok/seed/rows.hpp"
#include "apps/bbodok/seed/seed.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::seed {
namespace {

namespace time = platform::time;

constexpr const char* count_groups = "SELECT COUNT(*) FROM study_group";
constexpr std::array<const char*, 4> colors = {"neutral", "primary", "accent", "secondary"};
constexpr std::int64_t fortnight = 14;
constexpr std::int64_t slots_per_day = 48;
constexpr std::int64_t busy_every = 4;  // a quarter of the grid is booked
constexpr std::size_t most_seats = 4;

// A quarter of the grid (every fourth slot from `shift`) on each day of the past and the coming fortnight, one to four
// members per room.
void book_grid(platform::sql::connection& db, std::int64_t group, std::int64_t shift,
               const std::vector<std::int64_t>& members, std::int64_t now) {
  if (members.empty()) return;
  const std::int64_t today = time::seoul_day(now);
  for (std::int64_t day = today - fortnight; day < today + fortnight; ++day) {
    for (std::int64_t slot = shift % busy_every; slot < slots_per_day; slot += busy_every) {
      const auto turn =
          static_cast<std::size_t>((day * slots_per_day + slot) % static_cast<std::int64_t>(members.size()));
      const std::size_t seats = std::min(members.size(), 1 + static_cast<std::size_t>(day + slot) % most_seats);
      std::vector<std::int64_t> booked;
      for (std::size_t seat = 0; seat < seats; ++seat) booked.push_back(members[(turn + seat) % members.size()]);
      book_room(db, group, time::seoul_midnight(day) + slot * 30 * time::micros_per_minute, booked, now);
    }
  }
}

}  // namespace

void add_bulk(platform::sql::connection& db, bulk_size size, std::int64_t now) {
  if (size.groups == 0 || size.members == 0) throw std::runtime_error("bulk data needs groups and members");
  const std::int64_t since = now - 2 * fortnight * time::micros_per_day;
  const std::int64_t first = db.query(count_groups)[0].as_int(0);
  std::vector<std::int64_t> members;
  for (std::size_t i = 0; i < size.members; ++i) {
    const std::int64_t id =
        insert_member(db, fmt::format("벤치회원 {}", i + 1),
                      fmt::format("https://api.dicebear.com/7.x/thumbs/png?seed=bench{}", i + 1), std::nullopt, since);
    insert_membership(db, id, everyone_group, std::nullopt, since);
    members.push_back(id);
  }
  // Member i joins group i mod groups and another one, varied: every group gets about 2 × members / groups.
  std::vector<std::vector<std::int64_t>> joined(size.groups);
  for (std::size_t i = 0; i < size.members; ++i) {
    const std::size_t a = i % size.groups;
    const std::size_t b = size.groups == 1 ? a : (a + 1 + (i / size.groups) % (size.groups - 1)) % size.groups;
    joined[a].push_back(members[i]);
    if (b != a) joined[b].push_back(members[i]);
  }
  for (std::size_t g = 0; g < size.groups; ++g) {
    if (joined[g].empty()) continue;
    const std::int64_t number = first + static_cast<std::int64_t>(g) + 1;
    const std::int64_t group = insert_group(db, joined[g].front(), fmt::format("벤치 그룹 {}", number),
                                            fmt::format("bench-{}", number), std::nullopt, since);
    for (std::size_t k = 0; k < joined[g].size(); ++k) {
      insert_membership(db, joined[g][k], group, std::string(colors[k % colors.size()]), since);
    }
    book_grid(db, group, static_cast<std::int64_t>(g), joined[g], now);
  }
  book_grid(db, everyone_group, 1, members, now);  // odd slots: the demo set books even ones
  settle_ranks(db);
}

}  // namespace bbodok::seed
