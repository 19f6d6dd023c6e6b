// Request-target parsing with Boost.URL.
#include "platform/http/target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "platform/http/router.hpp"
#include "platform/text/code_points.hpp"

namespace platform::http {

std::optional<parsed_target> parse_target(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;

  parsed_target parsed;
  const std::string path = url->path();
  // Decoded text is checked here, once, so no handler sees a NUL or a control character from a target.
  if (!text::is_accepted_text(path)) return std::nullopt;
  parsed.path = std::string(without_trailing_slash(path));
  if (parsed.path.empty()) parsed.path = "/";
  // Query strings from HTML forms and axios use '+' for space, as the servlet container assumed.
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (auto param : url->encoded_params()) {
    std::string key = param.key.decode(opts);
    std::string value = param.has_value ? param.value.decode(opts) : std::string();
    if (!text::is_accepted_text(key) || !text::is_accepted_text(value)) return std::nullopt;
    parsed.query.emplace_back(std::move(key), std::move(value));
  }
  return parsed;
}

}  // namespace platform::http
