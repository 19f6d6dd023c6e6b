// Delivering one message to many connections across I/O threads: the members grouped by the executor their
// connection runs on, so that a broadcast costs one post per I/O thread rather than one per member, and each
// thread does its own members' work in parallel with the others. Used by the STOMP broker's destinations and
// Socket.IO's rooms.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <boost/asio/post.hpp>

#include "platform/messaging/connection.hpp"

namespace platform::messaging {

// Member: any type with `std::shared_ptr<connection> to` (plus what the deliverer needs per member, such as
// a STOMP subscription id).
//
// Threading: add and remove must be ordered by the caller (one owner lock); each installs a new immutable list,
// so a broadcast running on another thread keeps walking the list it took. Broadcasts may run on any thread.
// Posts from one thread to one executor run in order, so every member sees one publisher's messages in order.
template <class Member>
class fanout {
 public:
  void add(std::shared_ptr<const Member> entry) {
    const auto current = snapshot();
    auto next = current ? std::make_shared<group_list>(*current) : std::make_shared<group_list>();
    const auto& executor = entry->to->executor();
    const auto same = std::ranges::find_if(*next, [&](const auto& g) { return g->executor == executor; });
    auto grown = std::make_shared<group>(group{executor, {}});
    if (same != next->end()) grown->members = (*same)->members;
    grown->members.push_back(std::move(entry));
    if (same != next->end()) {
      *same = std::move(grown);
    } else {
      next->push_back(std::move(grown));
    }
    install(std::move(next));
  }

  // Removes the entry (compared by address); returns the number of members left.
  std::size_t remove(const Member& entry) {
    const auto current = snapshot();
    auto next = std::make_shared<group_list>();
    std::size_t left = 0;
    if (current) {
      for (const auto& g : *current) {
        auto shrunk = std::make_shared<group>(group{g->executor, {}});
        shrunk->members.reserve(g->members.size());
        std::ranges::copy_if(g->members, std::back_inserter(shrunk->members),
                             [&](const auto& candidate) { return candidate.get() != &entry; });
        left += shrunk->members.size();
        if (!shrunk->members.empty()) next->push_back(std::move(shrunk));
      }
    }
    install(std::move(next));
    return left;
  }

  std::size_t size() const {
    const auto current = snapshot();
    std::size_t total = 0;
    if (current) {
      for (const auto& g : *current) total += g->members.size();
    }
    return total;
  }

  bool empty() const { return size() == 0; }

  // Calls deliver(const Member&) for every member, on the member's own executor (where connection::send queues
  // at once); `deliver` is copied once per I/O thread, so share what it carries (a payload, a frame tail).
  // Returns false, and posts nothing, when there are no members.
  template <class Deliver>
  bool broadcast(const Deliver& deliver) const {
    const auto groups = snapshot();
    if (!groups || groups->empty()) return false;
    for (const auto& g : *groups) {
      boost::asio::post(g->executor, [g, deliver] {
        for (const auto& member : g->members) deliver(*member);
      });
    }
    return true;
  }

 private:
  struct group {
    boost::asio::any_io_executor executor;
    std::vector<std::shared_ptr<const Member>> members;
  };
  using group_list = std::vector<std::shared_ptr<const group>>;

  std::shared_ptr<const group_list> snapshot() const {
    const std::lock_guard lock(mutex_);
    return groups_;
  }
  void install(std::shared_ptr<const group_list> next) {
    std::shared_ptr<const group_list> previous;  // released after the lock: it may hold the last connection
    const std::lock_guard lock(mutex_);
    previous = std::exchange(groups_, std::move(next));
  }

  // Threading: mutex_ guards the pointer only; the lists and groups are immutable once installed.
  mutable std::mutex mutex_;
  std::shared_ptr<const group_list> groups_;
};

}  // namespace platform::messaging
