// TOML parsing with toml++, key tracking and environment overrides.
#include "platform/config/reader.hpp"

#include <charconv>
#include <cstdlib>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace platform::config {

struct reader::impl {
  toml::table table;
  std::string env_prefix;
  std::set<std::string, std::less<>> read_keys;

  std::string env_name(std::string_view key) const {
    std::string name = env_prefix + "_";
    for (char c : key) name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
  }

  std::optional<std::string> from_env(std::string_view key) {
    read_keys.emplace(key);
    const char* value = std::getenv(env_name(key).c_str());  // NOLINT(concurrency-mt-unsafe): read once at start-up
    return value ? std::optional<std::string>(value) : std::nullopt;
  }

  toml::node_view<toml::node> node(std::string_view key) { return table.at_path(key); }
};

namespace {

[[noreturn]] void fail(std::string_view key, std::string_view what) {
  throw config_error(fmt::format("config key '{}': {}", key, what));
}

std::int64_t checked_range(std::string_view key, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min || value > max) fail(key, fmt::format("{} is outside {}..{}", value, min, max));
  return value;
}

void collect_keys(const toml::table& table, const std::string& prefix, std::vector<std::string>& keys) {
  for (const auto& [name, node] : table) {
    std::string key = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const auto* inner = node.as_table()) {
      collect_keys(*inner, key, keys);
    } else {
      keys.push_back(std::move(key));
    }
  }
}

}  // namespace

reader::reader(std::unique_ptr<impl> state) : impl_(std::move(state)) {}
reader::reader(reader&&) noexcept = default;
reader& reader::operator=(reader&&) noexcept = default;
reader::~reader() = default;

reader reader::from_file(const std::filesystem::path& file, std::string env_prefix) {
  try {
    auto state = std::make_unique<impl>(impl{toml::parse_file(file.string()), std::move(env_prefix), {}});
    return reader(std::move(state));
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << e.source().begin;
    throw config_error(fmt::format("config file {}: {} at {}", file.string(), e.description(), where.str()));
  }
}

reader reader::from_string(std::string_view toml, std::string env_prefix) {
  try {
    return reader(std::make_unique<impl>(impl{toml::parse(toml), std::move(env_prefix), {}}));
  } catch (const toml::parse_error& e) {
    throw config_error(fmt::format("config: {}", e.description()));
  }
}

std::optional<std::string> reader::optional_text(std::string_view key) {
  if (auto env = impl_->from_env(key)) return env;
  auto node = impl_->node(key);
  if (!node) return std::nullopt;
  if (!node.is_string()) fail(key, "must be a string");
  return std::string(*node.value<std::string_view>());
}

std::string reader::text(std::string_view key, std::string_view fallback) {
  return optional_text(key).value_or(std::string(fallback));
}

std::int64_t reader::integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
  if (auto env = impl_->from_env(key)) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(env->data(), env->data() + env->size(), value);
    if (ec != std::errc() || end != env->data() + env->size()) fail(key, "environment value must be an integer");
    return checked_range(key, value, min, max);
  }
  auto node = impl_->node(key);
  if (!node) return checked_range(key, fallback, min, max);
  if (!node.is_integer()) fail(key, "must be an integer");
  return checked_range(key, *node.value<std::int64_t>(), min, max);
}

bool reader::boolean(std::string_view key, bool fallback) {
  if (auto env = impl_->from_env(key)) {
    if (*env == "true" || *env == "1") return true;
    if (*env == "false" || *env == "0") return false;
    fail(key, "environment value must be true or false");
  }
  auto node = impl_->node(key);
  if (!node) return fallback;
  if (!node.is_boolean()) fail(key, "must be true or false");
  return *node.value<bool>();
}

std::vector<std::string> reader::texts(std::string_view key, std::vector<std::string> fallback) {
  if (auto env = impl_->from_env(key)) {
    std::vector<std::string> values;
    std::string_view rest = *env;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      // "a, b" is how people write lists; spaces around items are never meant.
      auto item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) values.emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return values;
  }
  auto node = impl_->node(key);
  if (!node) return fallback;
  const auto* array = node.as_array();
  if (array == nullptr) fail(key, "must be an array of strings");
  std::vector<std::string> values;
  for (const auto& element : *array) {
    auto value = element.value<std::string_view>();
    if (!element.is_string() || !value) fail(key, "must be an array of strings");
    values.emplace_back(*value);
  }
  return values;
}

void reader::finish() const {
  std::vector<std::string> keys;
  collect_keys(impl_->table, "", keys);
  std::vector<std::string> unknown;
  for (const auto& key : keys) {
    if (!impl_->read_keys.contains(key)) unknown.push_back(key);
  }
  if (unknown.empty()) return;
  std::string list;
  for (const auto& key : unknown) list += (list.empty() ? "'" : ", '") + key + "'";
  throw config_error(fmt::format("unknown config key{} {}", unknown.size() > 1 ? "s" : "", list));
}

}  // namespace platform::config
