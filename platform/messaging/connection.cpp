// Out-of-line anchors of the messaging interfaces.
#include "platform/messaging/connection.hpp"

namespace platform::messaging {

connection::connection(boost::asio::any_io_executor executor, std::string remote_ip, std::string id)
    : executor_(std::move(executor)), remote_ip_(std::move(remote_ip)), id_(std::move(id)) {}

connection::~connection() = default;

handler::~handler() = default;

}  // namespace platform::messaging
