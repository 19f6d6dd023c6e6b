// One session's subscriptions by client-chosen id, with the per-session limit; Handle is what keeps a delivery
// going (the broker's RAII token), so removing an entry is what stops it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/stomp/rules.hpp"

namespace platform::stomp {

template <class Handle>
class subscription_table {
 public:
  struct entry {
    std::string id;
    std::string destination;
    Handle handle;
  };

  explicit subscription_table(std::size_t max_subscriptions) : max_(max_subscriptions) {}

  // Refused for an id already in use (STOMP: unique per session) or past the limit; checked before the
  // application or the broker are asked, so a refused SUBSCRIBE costs them nothing.
  verdict check(const subscribe_request& request) const {
    if (find(request.id) != entries_.end()) return refusal{"Subscription id " + request.id + " is already in use"};
    if (entries_.size() >= max_) return refusal{"Too many subscriptions (limit " + std::to_string(max_) + ")"};
    return std::nullopt;
  }

  // After check() allowed it.
  void add(subscribe_request request, Handle handle) {
    entries_.push_back(entry{std::move(request.id), std::move(request.destination), std::move(handle)});
  }

  // The removed entry (its handle is destroyed with it, which ends deliveries), nullopt for an unknown id.
  std::optional<entry> remove(std::string_view id) {
    const auto it = find(id);
    if (it == entries_.end()) return std::nullopt;
    entry removed = std::move(*it);
    entries_.erase(it);
    return removed;
  }

  // Every entry, emptying the table (the session is over).
  std::vector<entry> take_all() { return std::exchange(entries_, {}); }

  std::size_t size() const { return entries_.size(); }

 private:
  // A vector: sessions hold a handful of subscriptions, and an idle session should cost little memory.
  typename std::vector<entry>::const_iterator find(std::string_view id) const {
    return std::ranges::find(entries_, id, &entry::id);
  }
  typename std::vector<entry>::iterator find(std::string_view id) {
    return std::ranges::find(entries_, id, &entry::id);
  }

  std::size_t max_;
  std::vector<entry> entries_;
};

}  // namespace platform::stomp
