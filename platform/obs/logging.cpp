// spdlog configuration shared by both apps.
#include "platform/obs/logging.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "platform/obs/json_log.hpp"

namespace platform::obs {
namespace {

// Like spdlog's stdout sinks but without their fflush after every line; flush_() runs on the timer.
class buffered_stdout_sink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    spdlog::memory_buf_t line;
    formatter_->format(message, line);
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  void flush_() override { std::fflush(stdout); }
};

// The JSON format's access logger (its payload is JSON members); null in the text format, where access lines
// go to the default logger. Set before the server's threads start and cleared after they end.
std::atomic<spdlog::logger*> json_access{nullptr};
std::shared_ptr<spdlog::logger> json_access_owner;

double milliseconds(std::chrono::steady_clock::duration elapsed) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()) / 1000.0;
}

}  // namespace

logging::logging(std::string_view level, log_format format) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") {
    throw std::invalid_argument("unknown log level: " + std::string(level));
  }
  auto sink = std::make_shared<buffered_stdout_sink>();
  auto logger = std::make_shared<spdlog::logger>("", sink);
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::warn);
  if (format == log_format::json) {
    logger->set_formatter(std::make_unique<json_formatter>());
    json_access_owner = std::make_shared<spdlog::logger>(std::string(access_logger_name), sink);
    json_access_owner->set_level(parsed);
    json_access_owner->set_formatter(std::make_unique<json_formatter>());
    json_access.store(json_access_owner.get(), std::memory_order_release);
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  }
  spdlog::set_default_logger(std::move(logger));
  spdlog::flush_every(std::chrono::seconds(1));
}

logging::~logging() {
  json_access.store(nullptr, std::memory_order_release);
  json_access_owner.reset();
  spdlog::shutdown();
}

void log_access(const access_entry& entry) {
  spdlog::logger* json = json_access.load(std::memory_order_acquire);
  if (json == nullptr) {
    spdlog::info("access {} {} \"{} {}\" {} {} {:.3f}ms", entry.request_id, entry.remote_ip, entry.method, entry.target,
                 entry.status, entry.bytes, milliseconds(entry.elapsed));
    return;
  }
  if (!json->should_log(spdlog::level::info)) return;
  std::string members = R"("request_id":)";
  append_json_string(members, entry.request_id);
  members += R"(,"remote_ip":)";
  append_json_string(members, entry.remote_ip);
  members += R"(,"method":)";
  append_json_string(members, entry.method);
  members += R"(,"target":)";
  append_json_string(members, entry.target);
  fmt::format_to(std::back_inserter(members), R"(,"status":{},"bytes":{},"duration_ms":{:.3f})", entry.status,
                 entry.bytes, milliseconds(entry.elapsed));
  json->info("{}", members);
}

}  // namespace platform::obs
