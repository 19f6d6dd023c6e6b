// Study rooms over STOMP (contract §4.1): who may connect and subscribe, and what /app/add and /app/join do.
// The broker relays the /topic/{groupId} channels booking publishes on.
#pragma once

#include <string>

#include "apps/bbodok/common/async.hpp"
#include "platform/stomp/application.hpp"

namespace bbodok::group {
class memberships;
}
namespace bbodok::member {
class service;
}

namespace bbodok::room {

class booking;

class realtime final : public platform::stomp::application {
 public:
  realtime(member::service& members, booking& rooms, group::memberships& groups);

  // CONNECT's `Authorization: Bearer <access token>`; the principal's id is the member id.
  asio::awaitable<platform::stomp::answer<platform::stomp::principal>> authenticate(platform::stomp::frame connect,
                                                                                    std::string remote_ip) override;
  // /topic/{groupId} for members of the group only.
  asio::awaitable<platform::stomp::verdict> authorize_subscribe(platform::stomp::principal who,
                                                                std::string destination) override;
  // /app/add {groupId,startTime,endTime} and /app/join {roomId,groupId}; anything refused changes nothing.
  asio::awaitable<platform::stomp::verdict> on_send(platform::stomp::principal who, std::string destination,
                                                    platform::stomp::frame sent) override;

 private:
  member::service& members_;
  booking& rooms_;
  group::memberships& groups_;
};

}  // namespace bbodok::room
