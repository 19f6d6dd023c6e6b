// Loads seed/bbodok/demo.json: members, groups, a month of booked rooms around today, todos.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "apps/bbodok/seed/rows.hpp"
#include "apps/bbodok/seed/seed.hpp"
#include "platform/auth/password.hpp"
#include "platform/json/data_file.hpp"
#include "platform/time/seoul.hpp"

namespace bbodok::seed {
namespace {

namespace json = boost::json;
using keys = std::map<std::string, std::int64_t, std::less<>>;

constexpr const char* count_members = "SELECT COUNT(*) FROM member";
constexpr std::int64_t fortnight = 14;
// The daisyUI themes the frontend offers as group colours.
constexpr std::array<std::string_view, 4> colors = {"neutral", "primary", "accent", "secondary"};

const json::value& field(const json::object& item, std::string_view key) {
  const auto* found = item.if_contains(key);
  if (!found) throw std::runtime_error(fmt::format("demo data: missing \"{}\"", key));
  return *found;
}

std::string text(const json::value& value, std::string_view what) {
  const auto* string = value.if_string();
  if (!string) throw std::runtime_error(fmt::format("demo data: \"{}\" must be a string", what));
  return std::string(*string);
}
using platform::json::data_file::list;
using platform::json::data_file::text;

const json::object& object(const json::value& value, std::string_view what) {
  const auto* found = value.if_object();
  if (!found) throw std::runtime_error(fmt::format("demo data: \"{}\" must be an object", what));
  return *found;
}

std::int64_t whole(const json::object& item, std::string_view key) {
  const auto* value = field(item, key).if_int64();
  if (!value || *value <= 0) throw std::runtime_error(fmt::format("demo data: \"{}\" must be a positive integer", key));
  return *value;
}

bool flag(const json::object& item, std::string_view key) {
  const auto* value = item.if_contains(key);
  if (!value) return false;
  if (!value->is_bool()) throw std::runtime_error(fmt::format("demo data: \"{}\" must be true or false", key));
  return value->as_bool();
}

std::int64_t find(const keys& known, const std::string& key, std::string_view kind) {
  const auto found = known.find(key);
  if (found == known.end()) throw std::runtime_error(fmt::format("demo data: unknown {} \"{}\"", kind, key));
  return found->second;
}

// A group's schedule: the same slots every day, each booked by `seats` of its members in turn, every fifth
// slot left free.
void book_fortnights(platform::sql::connection& db, std::int64_t group, const json::object& item,
                     const std::vector<std::int64_t>& members, std::int64_t now) {
  std::vector<std::string> times;
  for (const auto& time : list(item, "slots")) times.push_back(text(time, "slots"));
  const auto seats = static_cast<std::size_t>(whole(item, "seats"));
  if (seats > members.size()) throw std::runtime_error("demo data: more seats than members in a group");
  const auto starts = daily_starts(times, -fortnight, 2 * fortnight, now);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    if (i % 5 == 4) continue;
    std::vector<std::int64_t> booked;
    for (std::size_t seat = 0; seat < seats; ++seat) booked.push_back(members[(i + seat) % members.size()]);
    book_room(db, group, starts[i], booked, now);
  }
}

struct loaded {
  keys members;                                           // by key
  keys groups;                                            // by invite path
  std::vector<std::int64_t> everyone;                     // member ids in file order
  std::map<std::int64_t, std::set<std::int64_t>> joined;  // group -> members
};

void load_members(platform::sql::connection& db, const json::object& document, std::int64_t since, loaded& set) {
  const std::string profile_url = text(document, "profileUrl");
  for (const auto& entry : list(document, "members")) {
    const auto& item = object(entry, "members");
    const std::string key = text(item, "key");
    const std::string profile = fmt::format(fmt::runtime(profile_url), fmt::arg("key", key));
    const std::int64_t id = insert_member(db, text(item, "name"), profile, text(item, "email"), since);
    if (!set.members.emplace(key, id).second) throw std::runtime_error("demo data: member \"" + key + "\" twice");
    insert_membership(db, id, everyone_group, std::nullopt, since);
    set.everyone.push_back(id);
    set.joined[everyone_group].insert(id);
  }
  set.groups.emplace("everyone", everyone_group);
}

void load_groups(platform::sql::connection& db, const json::object& document, std::int64_t since, std::int64_t now,
                 loaded& set) {
  const std::string password_hash = platform::auth::hash_password(text(document, "secretPassword"));
  for (const auto& entry : list(document, "groups")) {
    const auto& item = object(entry, "groups");
    const std::string path = text(item, "path");
    const std::int64_t owner = find(set.members, text(item, "owner"), "member");
    const auto secret = flag(item, "secret") ? std::optional(password_hash) : std::nullopt;
    const std::int64_t group = insert_group(db, owner, text(item, "name"), path, secret, since);
    set.groups.emplace(path, group);
    std::vector<std::int64_t> members;
    for (const auto& [key, color] : object(field(item, "members"), "members")) {
      const std::int64_t member = find(set.members, std::string(key), "member");
      const std::string colour = text(color, "members");
      if (std::ranges::find(colors, colour) == colors.end())
        throw std::runtime_error("demo data: unknown colour " + colour);
      insert_membership(db, member, group, colour, since);
      members.push_back(member);
      set.joined[group].insert(member);
    }
    if (!set.joined[group].contains(owner))
      throw std::runtime_error("demo data: the owner of " + path + " is no member");
    book_fortnights(db, group, item, members, now);
  }
  book_fortnights(db, everyone_group, object(field(document, "everyone"), "everyone"), set.everyone, now);
}

void load_todos(platform::sql::connection& db, const json::object& document, std::int64_t now, const loaded& set) {
  for (const auto& entry : list(document, "todos")) {
    const auto& item = object(entry, "todos");
    const std::int64_t member = find(set.members, text(item, "member"), "member");
    const std::int64_t group = find(set.groups, text(item, "group"), "group");
    if (!set.joined.at(group).contains(member))
      throw std::runtime_error("demo data: a todo in a group its member is not in: " + text(item, "content"));
    insert_todo(db, member, group, text(item, "content"), flag(item, "done"), now);
  }
}

}  // namespace

bool load_demo(platform::sql::connection& db, const std::filesystem::path& data_dir, std::int64_t now) {
  if (db.query(count_members)[0].as_int(0) > 0) return false;
  const auto document = platform::json::data_file::read_object_file(data_dir / "demo.json");
  const std::int64_t since = now - 2 * fortnight * platform::time::micros_per_day;
  loaded set;
  load_members(db, document, since, set);
  load_groups(db, document, since, now, set);
  load_todos(db, document, now, set);
  settle_ranks(db);
  return true;
}

}  // namespace bbodok::seed
