// libFuzzer target for request-target parsing, routing of the parsed path and integer binding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/http/target.hpp"

namespace http = platform::http;

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

// Not coroutines: the fuzzer never calls a handler, and this keeps coroutine code out of the build.
http::handler no_op() {
  return [](http::request) { return platform::asio::awaitable<http::response>(); };
}

const http::router& routes() {
  static const http::router r = [] {
    http::router built;
    for (const char* pattern : {"/", "/friend", "/friend/{id}", "/friend/count/{id}",
                                "/hospital/{mapNo}/review/{reviewNo}", "/query", "/community/{postId}", "/{any}/x"}) {
      built.add(http::verb::get, pattern, no_op());
    }
    built.add(http::verb::post, "/friend/count", no_op());
    built.add(http::verb::delete_, "/community/{postId}", no_op());
    return built;
  }();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto target = http::parse_target(input);
  if (!target) return 0;

  check(!target->path.empty() && target->path.front() == '/');

  for (const auto& [key, value] : target->query) {
    for (const std::string* text : {&key, &value}) {
      if (auto number = http::parse_int64(*text)) {
        // A parsed number prints back to something that parses to the same value.
        check(http::parse_int64(std::to_string(*number)) == number);
        check(!text->empty() && text->front() != '+' && text->front() != ' ' && text->back() != ' ');
      }
    }
  }

  for (auto method : {http::verb::get, http::verb::head, http::verb::post}) {
    const auto found = routes().find(method, target->path);
    if (found.target != nullptr) {
      check(found.allowed.empty());
      for (const auto& [name, value] : found.path_params)
        check(!name.empty() && !value.empty() && value.find('/') == std::string::npos);
    } else {
      check(found.path_params.empty());
    }
  }
  return 0;
}
