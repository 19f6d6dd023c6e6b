// Cache calls as one HGET or one Lua script each.
#include "platform/kv/redis_cache.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <utility>

#include <openssl/sha.h>

#include "platform/kv/redis_connection.hpp"

namespace platform::kv {
namespace {

constexpr std::string_view entry_prefix = "kv:cache:";
constexpr std::string_view tag_prefix = "kv:tag:";
constexpr std::string_view version_key = "kv:version";
constexpr std::string_view changed_prefix = "kv:changed:";
// How long a tag's last change is remembered: longer than any computation that must compare with it.
constexpr std::string_view changed_ttl_ms = "600000";

// Both version scripts start with this: the counter (KEYS[1]), when absent, starts at Redis's clock in
// microseconds, as a decimal string (a Lua number would round it), so versions after a restart that lost it stay
// above the ones handed out before.
constexpr std::string_view seed_version = R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then
  local now = redis.call('TIME')
  redis.call('SET', KEYS[1], now[1] .. string.format('%06d', tonumber(now[2])), 'NX')
end
)lua";

// KEYS[1] the counter.
constexpr std::string_view current_body = "return redis.call('GET', KEYS[1])\n";

// KEYS[1] the counter, KEYS[2] the tag's last change; ARGV[1] how long to keep it (ms). The new version is
// returned as text: INCR's reply is exact in Redis, a Lua number need not be.
constexpr std::string_view mark_body = R"lua(
redis.call('INCR', KEYS[1])
local version = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[2], version, 'PX', ARGV[1])
return version
)lua";

// KEYS[1] the entry; ARGV: value, ttl ms, version, app key, tag prefix, tags... Versions are compared as
// decimal strings (length, then bytes): Lua numbers are doubles and would round 64-bit versions.
constexpr std::string_view put_script = R"lua(
local stored = redis.call('HGET', KEYS[1], 'version')
if stored and (#stored > #ARGV[3] or (#stored == #ARGV[3] and stored > ARGV[3])) then return 0 end
local old = redis.call('HGET', KEYS[1], 'tags')
if old then
  for _, tag in ipairs(cjson.decode(old)) do redis.call('SREM', ARGV[5] .. tag, ARGV[4]) end
end
local tags = {}
local ttl = tonumber(ARGV[2])
for i = 6, #ARGV do
  local set = ARGV[5] .. ARGV[i]
  redis.call('SADD', set, ARGV[4])
  if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
  tags[#tags + 1] = ARGV[i]
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'value', ARGV[1], 'version', ARGV[3], 'tags', cjson.encode(tags))
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
)lua";

// KEYS[1] the entry; ARGV: app key, tag prefix.
constexpr std::string_view erase_script = R"lua(
local old = redis.call('HGET', KEYS[1], 'tags')
if old then
  for _, tag in ipairs(cjson.decode(old)) do redis.call('SREM', ARGV[2] .. tag, ARGV[1]) end
end
redis.call('DEL', KEYS[1])
return 1
)lua";

// KEYS[1] the tag set; ARGV: entry prefix. Members whose entry expired leave the set.
constexpr std::string_view tagged_script = R"lua(
local live = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. key) == 1 then live[#live + 1] = key else redis.call('SREM', KEYS[1], key) end
end
return live
)lua";

// The SHA-1 EVALSHA names a script by, in hex.
std::string sha1_of(std::string_view script) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(script.data()), script.size(), digest.data());
  std::string hex(2 * digest.size() + 1, '\0');
  for (std::size_t i = 0; i < digest.size(); ++i) std::snprintf(&hex[2 * i], 3, "%02x", digest[i]);
  hex.resize(2 * digest.size());
  return hex;
}

const std::string& put_sha() {
  static const std::string sha = sha1_of(put_script);
  return sha;
}
const std::string& erase_sha() {
  static const std::string sha = sha1_of(erase_script);
  return sha;
}
const std::string& tagged_sha() {
  static const std::string sha = sha1_of(tagged_script);
  return sha;
}
const std::string& current_script() {
  static const std::string script = std::string(seed_version).append(current_body);
  return script;
}
const std::string& current_sha() {
  static const std::string sha = sha1_of(current_script());
  return sha;
}
const std::string& mark_script() {
  static const std::string script = std::string(seed_version).append(mark_body);
  return script;
}
const std::string& mark_sha() {
  static const std::string sha = sha1_of(mark_script());
  return sha;
}

std::string entry_key(std::string_view key) { return std::string(entry_prefix).append(key); }

bool is_reply(const std::optional<redis_reply>& reply, redis_reply::kind type) { return reply && reply->type == type; }

// A version in a string reply; 0 for anything else (no reply during an outage, a nil).
std::uint64_t version_in(const redis_reply& reply) {
  std::uint64_t version = 0;
  if (reply.type != redis_reply::kind::string) return 0;
  const auto* end = reply.text.data() + reply.text.size();
  const auto [stopped, error] = std::from_chars(reply.text.data(), end, version);
  return error == std::errc{} && stopped == end ? version : 0;
}

}  // namespace

redis_cache::redis_cache(const asio::any_io_executor& executor, const redis_endpoint& endpoint) {
  auto settings = redis_connection::named("redis cache", endpoint);
  for (const std::string_view script :
       {put_script, erase_script, tagged_script, std::string_view(current_script()), std::string_view(mark_script())})
    settings.setup.push_back({"SCRIPT", "LOAD", std::string(script)});
  connection_ = redis_connection::open(executor, endpoint, std::move(settings));
}

redis_cache::~redis_cache() { connection_->close(); }

asio::awaitable<std::optional<std::string>> redis_cache::get(std::string key) {
  redis_command command{"HGET", entry_key(key), "value"};
  auto reply = co_await connection_->call(std::move(command));
  if (!is_reply(reply, redis_reply::kind::string)) co_return std::nullopt;
  co_return std::move(reply->text);
}

asio::awaitable<bool> redis_cache::put(std::string key, std::string value, std::chrono::milliseconds ttl,
                                       std::vector<std::string> tags, std::uint64_t version) {
  // PEXPIRE refuses 0 and negative times: such an entry would be gone at once anyway.
  const auto milliseconds = std::max<std::chrono::milliseconds::rep>(ttl.count(), 1);
  redis_command command{"EVALSHA",
                        put_sha(),
                        "1",
                        entry_key(key),
                        std::move(value),
                        std::to_string(milliseconds),
                        std::to_string(version),
                        std::move(key),
                        std::string(tag_prefix)};
  command.insert(command.end(), std::make_move_iterator(tags.begin()), std::make_move_iterator(tags.end()));
  auto reply = co_await connection_->call(std::move(command));
  co_return is_reply(reply, redis_reply::kind::integer) && reply->integer == 1;
}

asio::awaitable<void> redis_cache::erase(std::string key) {
  redis_command command{"EVALSHA", erase_sha(), "1", entry_key(key), std::move(key), std::string(tag_prefix)};
  co_await connection_->call(std::move(command));
}

asio::awaitable<std::vector<std::string>> redis_cache::tagged(std::string tag) {
  redis_command command{"EVALSHA", tagged_sha(), "1", std::string(tag_prefix).append(tag), std::string(entry_prefix)};
  auto reply = co_await connection_->call(std::move(command));
  std::vector<std::string> keys;
  if (!is_reply(reply, redis_reply::kind::array)) co_return keys;
  keys.reserve(reply->elements.size());
  for (auto& element : reply->elements) keys.push_back(std::move(element.text));
  co_return keys;
}

asio::awaitable<std::uint64_t> redis_cache::current_version() {
  redis_command command{"EVALSHA", current_sha(), "1", std::string(version_key)};
  const auto reply = co_await connection_->call(std::move(command));
  co_return reply ? version_in(*reply) : 0;
}

asio::awaitable<std::uint64_t> redis_cache::mark_changed(std::string tag) {
  redis_command command{"EVALSHA",
                        mark_sha(),
                        "2",
                        std::string(version_key),
                        std::string(changed_prefix).append(tag),
                        std::string(changed_ttl_ms)};
  const auto reply = co_await connection_->call(std::move(command));
  co_return reply ? version_in(*reply) : 0;
}

asio::awaitable<std::uint64_t> redis_cache::last_changed(std::vector<std::string> tags) {
  if (tags.empty()) co_return 0;
  redis_command command{"MGET"};
  for (const auto& tag : tags) command.push_back(std::string(changed_prefix).append(tag));
  const auto reply = co_await connection_->call(std::move(command));
  std::uint64_t newest = 0;
  if (!is_reply(reply, redis_reply::kind::array)) co_return newest;
  for (const auto& element : reply->elements) newest = std::max(newest, version_in(element));
  co_return newest;
}

}  // namespace platform::kv
