// The STOMP handler factory; see handler_factory.hpp.
#include "platform/stomp/handler_factory.hpp"

namespace platform::stomp {

handler_factory::handler_factory(broker& relay, application& app, session_options options)
    : broker_(&relay),
      app_(&app),
      rules_(std::make_shared<const destination_rules>(relay.options().prefixes, options.application_prefixes)),
      options_(std::make_shared<const session_options>(std::move(options))) {}

std::shared_ptr<messaging::handler> handler_factory::make_handler() const {
  return std::make_shared<session>(*broker_, *app_, rules_, options_);
}

}  // namespace platform::stomp
