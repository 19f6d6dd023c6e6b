// TOML parsing with toml++, key tracking and environment overrides.
#include "platform/config/reader.hpp"

#include <charconv>
#include <cstdlib>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

namespace platform::config {

namespace {
enum class source { environment, file, fallback };
}

struct reader::impl {
  toml::table table;
  std::string env_prefix;
  std::set<std::string, std::less<>> read_keys;
  std::vector<setting> effective;

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

  // What a getter settled on, after its checks passed.
  void record(std::string_view key, std::string_view value, source from) {
    std::string where = from == source::environment ? "environment (" + env_name(key) + ")"
                        : from == source::file      ? "file"
                                                    : "default";
    effective.push_back(setting{std::string(key), masked(key, value), std::move(where)});
  }
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
    auto state = std::make_unique<impl>(impl{toml::parse_file(file.string()), std::move(env_prefix), {}, {}});
    return reader(std::move(state));
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << e.source().begin;
    throw config_error(fmt::format("config file {}: {} at {}", file.string(), e.description(), where.str()));
  }
}

reader reader::from_string(std::string_view toml, std::string env_prefix) {
  try {
    return reader(std::make_unique<impl>(impl{toml::parse(toml), std::move(env_prefix), {}, {}}));
  } catch (const toml::parse_error& e) {
    throw config_error(fmt::format("config: {}", e.description()));
  }
}

std::optional<std::string> reader::optional_text(std::string_view key) {
  if (auto env = impl_->from_env(key)) {
    impl_->record(key, *env, source::environment);
    return env;
  }
  auto node = impl_->node(key);
  if (!node) {
    impl_->effective.push_back(setting{std::string(key), "(not set)", "default"});
    return std::nullopt;
  }
  if (!node.is_string()) fail(key, "must be a string");
  std::string value(*node.value<std::string_view>());
  impl_->record(key, value, source::file);
  return value;
}

std::string reader::text(std::string_view key, std::string_view fallback) {
  if (auto value = optional_text(key)) return std::move(*value);
  impl_->effective.back() = setting{std::string(key), masked(key, fallback), "default"};
  return std::string(fallback);
}

std::int64_t reader::integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
  const auto settle = [&](std::int64_t value, source from) {
    checked_range(key, value, min, max);
    impl_->record(key, std::to_string(value), from);
    return value;
  };
  if (auto env = impl_->from_env(key)) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(env->data(), env->data() + env->size(), value);
    if (ec != std::errc() || end != env->data() + env->size()) fail(key, "environment value must be an integer");
    return settle(value, source::environment);
  }
  auto node = impl_->node(key);
  if (!node) return settle(fallback, source::fallback);
  if (!node.is_integer()) fail(key, "must be an integer");
  return settle(*node.value<std::int64_t>(), source::file);
}

bool reader::boolean(std::string_view key, bool fallback) {
  const auto settle = [&](bool value, source from) {
    impl_->record(key, value ? "true" : "false", from);
    return value;
  };
  if (auto env = impl_->from_env(key)) {
    if (*env == "true" || *env == "1") return settle(true, source::environment);
    if (*env == "false" || *env == "0") return settle(false, source::environment);
    fail(key, "environment value must be true or false");
  }
  auto node = impl_->node(key);
  if (!node) return settle(fallback, source::fallback);
  if (!node.is_boolean()) fail(key, "must be true or false");
  return settle(*node.value<bool>(), source::file);
}

std::vector<std::string> reader::texts(std::string_view key, std::vector<std::string> fallback) {
  const auto settle = [&](std::vector<std::string> values, source from) {
    impl_->record(key, fmt::format("[{}]", fmt::join(values, ", ")), from);
    return values;
  };
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
    return settle(std::move(values), source::environment);
  }
  auto node = impl_->node(key);
  if (!node) return settle(std::move(fallback), source::fallback);
  const auto* array = node.as_array();
  if (array == nullptr) fail(key, "must be an array of strings");
  std::vector<std::string> values;
  for (const auto& element : *array) {
    auto value = element.value<std::string_view>();
    if (!element.is_string() || !value) fail(key, "must be an array of strings");
    values.emplace_back(*value);
  }
  return settle(std::move(values), source::file);
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

const std::vector<setting>& reader::effective() const { return impl_->effective; }

std::string masked(std::string_view key, std::string_view value) {
  const auto dot = key.rfind('.');
  const std::string_view name = dot == std::string_view::npos ? key : key.substr(dot + 1);
  const bool secret = name.find("secret") != std::string_view::npos ||
                      name.find("password") != std::string_view::npos || name.ends_with("key") ||
                      name.ends_with("token");
  if (secret) return value.empty() ? "" : "****";
  // scheme://user:password@host...: the password goes.
  const auto scheme = value.find("://");
  const auto at = value.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos || at < scheme) return std::string(value);
  const auto colon = value.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(value);
  return fmt::format("{}****{}", value.substr(0, colon + 1), value.substr(at));
}

}  // namespace platform::config
