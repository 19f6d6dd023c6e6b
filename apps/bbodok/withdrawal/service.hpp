// Member withdrawal (contract §7.9, durable as §11 asks): the request marks the member WITHDRAWN and records the
// cleanup task in one transaction (member::find_active skips them from then on), recomputes the member's cached
// record so their tokens get 401 at once, takes them out of their groups' rankings, then wakes the worker, which
// does the rest (worker.hpp).
#pragma once

#include <cstdint>

#include "apps/bbodok/common/async.hpp"

namespace platform::sql {
class database;
}
namespace bbodok::member {
class service;
}
namespace bbodok::rank {
class service;
}

namespace bbodok::withdrawal {

class worker;

class service {
 public:
  service(platform::sql::database& db, member::service& members, rank::service& ranks, worker& cleanup);

  // A member who withdrew already (two devices at once) changes nothing.
  asio::awaitable<void> withdraw(std::int64_t member_id);

 private:
  platform::sql::database& db_;
  member::service& members_;
  rank::service& ranks_;
  worker& cleanup_;
};

}  // namespace bbodok::withdrawal
