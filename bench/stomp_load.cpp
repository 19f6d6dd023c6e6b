// Load generator for bench/stomp_fanout: STOMP-over-WebSocket clients against bench/stomp_server.
//   fanout: N subscribers of one destination, a publisher at a fixed rate with a timestamp in each body;
//           reports deliveries/s and publish-to-deliver latency percentiles.
//   idle:   N connections that CONNECT and SUBSCRIBE (each its own destination, like small chat rooms) and
//           stay idle; reports the server's RSS growth per connection.
// Output is key=value lines for the script.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <sys/resource.h>
#include <unistd.h>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;
using client = websocket::stream<tcp::socket>;
constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(clock_type::now().time_since_epoch()).count();
}

std::string frame(std::string_view command,
                  std::initializer_list<std::pair<std::string_view, std::string_view>> headers,
                  std::string_view body = {}) {
  std::string out(command);
  out += '\n';
  for (const auto& [name, value] : headers) {
    out += name;
    out += ':';
    out += value;
    out += '\n';
  }
  out += '\n';
  out += body;
  out += '\0';
  return out;
}

// Connects, upgrades, CONNECTs and SUBSCRIBEs (waiting for the receipt); throws on any failure.
asio::awaitable<std::unique_ptr<client>> open_subscriber(tcp::endpoint server, std::string login,
                                                         std::string destination) {
  auto executor = co_await asio::this_coro::executor;
  auto c = std::make_unique<client>(executor);
  co_await c->next_layer().async_connect(server, asio::use_awaitable);
  co_await c->async_handshake("127.0.0.1", "/stomp", asio::use_awaitable);
  c->text(true);
  beast::flat_buffer buffer;
  const std::string connect = frame("CONNECT", {{"accept-version", "1.2"}, {"login", login}});
  co_await c->async_write(asio::buffer(connect), asio::use_awaitable);
  co_await c->async_read(buffer, asio::use_awaitable);
  buffer.clear();
  if (!destination.empty()) {
    const std::string subscribe = frame("SUBSCRIBE", {{"id", "0"}, {"destination", destination}, {"receipt", "r"}});
    co_await c->async_write(asio::buffer(subscribe), asio::use_awaitable);
    co_await c->async_read(buffer, asio::use_awaitable);
    const std::string_view answer(static_cast<const char*>(buffer.data().data()), buffer.size());
    if (!answer.starts_with("RECEIPT"))
      throw std::runtime_error("SUBSCRIBE answered " + std::string(answer.substr(0, 80)));
  }
  co_return c;
}

// Latencies in 10 µs buckets up to 10 s; one per thread, merged at the end.
struct stats {
  std::vector<std::uint64_t> buckets = std::vector<std::uint64_t>(1'000'000, 0);
  std::uint64_t received = 0;            // every MESSAGE
  std::uint64_t received_in_window = 0;  // arrived within the measured window
  std::uint64_t closed = 0;              // connections the server closed

  void record(std::int64_t latency_ns) {
    const auto bucket = static_cast<std::size_t>(std::max<std::int64_t>(latency_ns, 0) / 10'000);
    ++buckets[std::min(bucket, buckets.size() - 1)];
  }
  void merge(const stats& other) {
    for (std::size_t i = 0; i < buckets.size(); ++i) buckets[i] += other.buckets[i];
    received += other.received;
    received_in_window += other.received_in_window;
    closed += other.closed;
  }
  double percentile_ms(double p) const {
    std::uint64_t total = 0;
    for (auto b : buckets) total += b;
    if (total == 0) return 0;
    const auto wanted = std::min(total - 1, static_cast<std::uint64_t>(p * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      seen += buckets[i];
      if (seen > wanted) return static_cast<double>(i + 1) * 0.01;  // the bucket's upper edge
    }
    return static_cast<double>(buckets.size()) * 0.01;
  }
};

struct window {
  std::atomic<std::int64_t> start_ns{std::numeric_limits<std::int64_t>::max()};
  std::atomic<std::int64_t> end_ns{std::numeric_limits<std::int64_t>::max()};
};

asio::awaitable<void> subscribe_and_measure(tcp::endpoint server, int index, stats& s, const window& w,
                                            std::atomic<int>& ready) {
  auto c = co_await open_subscriber(server, "s" + std::to_string(index), "/sub/bench");
  ready.fetch_add(1);
  beast::flat_buffer buffer;
  for (;;) {
    buffer.clear();
    auto [ec, bytes] = co_await c->async_read(buffer, as_tuple);
    if (ec) {
      ++s.closed;
      co_return;
    }
    const std::int64_t arrived = now_ns();
    const bool in_window =
        arrived >= w.start_ns.load(std::memory_order_relaxed) && arrived < w.end_ns.load(std::memory_order_relaxed);
    // A message may hold several frames (the server joins a backlog into one WebSocket message); each ends with
    // a NUL, and the bodies here hold none.
    std::string_view text(static_cast<const char*>(buffer.data().data()), buffer.size());
    while (!text.empty()) {
      const auto end = text.find('\0');
      const std::string_view one = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      while (text.starts_with('\n')) text.remove_prefix(1);  // heart-beats or EOLs after a frame
      const auto body_at = one.find("\n\n");
      if (!one.starts_with("MESSAGE") || body_at == std::string_view::npos) continue;
      std::int64_t sent = 0;
      std::from_chars(one.data() + body_at + 2, one.data() + one.size(), sent);
      ++s.received;
      if (in_window) {
        ++s.received_in_window;
        s.record(arrived - sent);
      }
    }
  }
}

// CPU seconds used so far by the server (0 when its pid is unknown) and by this process.
struct cpu_times {
  double server_s = 0;
  double client_s = 0;
};

double process_cpu_s(int pid) {
  if (pid <= 0) return 0;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start after its closing parenthesis.
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

cpu_times cpu_now(int server_pid) {
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return {process_cpu_s(server_pid), seconds(self.ru_utime) + seconds(self.ru_stime)};
}

asio::awaitable<void> publish(tcp::endpoint server, double rate, double warmup_s, double duration_s,
                              std::size_t body_bytes, window& w, std::uint64_t& published, int server_pid,
                              cpu_times& used) {
  auto c = co_await open_subscriber(server, "publisher", "");
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto period = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / rate));
  const auto started = clock_type::now();
  const auto measure_from = started + std::chrono::nanoseconds(static_cast<std::int64_t>(warmup_s * 1e9));
  const auto stop_at = measure_from + std::chrono::nanoseconds(static_cast<std::int64_t>(duration_s * 1e9));
  w.start_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(measure_from.time_since_epoch()).count();
  w.end_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(stop_at.time_since_epoch()).count();
  cpu_times at_start;
  bool measuring = false;
  for (std::int64_t k = 0;; ++k) {
    const auto due = started + k * period;
    if (due >= stop_at) break;
    if (!measuring && due >= measure_from) {
      measuring = true;
      at_start = cpu_now(server_pid);
    }
    timer.expires_at(due);
    co_await timer.async_wait(as_tuple);
    std::string body = std::to_string(now_ns()) + ' ';
    body.resize(std::max(body.size(), body_bytes), 'x');
    const std::string send = frame("SEND", {{"destination", "/pub/bench"}, {"to", "/sub/bench"}}, body);
    co_await c->async_write(asio::buffer(send), asio::use_awaitable);
    ++published;
  }
  const auto at_end = cpu_now(server_pid);
  used = {at_end.server_s - at_start.server_s, at_end.client_s - at_start.client_s};
}

std::int64_t rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stoll(line.substr(6));
  }
  throw std::runtime_error("no VmRSS for pid " + std::to_string(pid));
}

void run_threads(std::vector<std::unique_ptr<asio::io_context>>& contexts) {
  std::vector<std::jthread> threads;
  for (auto& context : contexts) threads.emplace_back([&context] { context->run(); });
}

void fail_on_error(const std::exception_ptr& failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    std::cerr << "stomp_load: " << e.what() << std::endl;
    std::exit(1);
  }
}

int fanout(tcp::endpoint server, int subscribers, double rate, double warmup_s, double duration_s,
           std::size_t body_bytes, std::size_t threads, int server_pid) {
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (std::size_t i = 0; i < threads; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
  std::vector<stats> per_thread(threads);
  window w;
  std::atomic<int> ready{0};
  std::uint64_t published = 0;  // on contexts[0] only, read after the threads are joined
  cpu_times used;               // likewise
  for (int i = 0; i < subscribers; ++i) {
    const auto t = static_cast<std::size_t>(i) % threads;
    asio::co_spawn(*contexts[t], subscribe_and_measure(server, i, per_thread[t], w, ready), fail_on_error);
  }
  // The publisher starts once every subscriber holds its receipt; it then stops the clients after a grace
  // period for the last deliveries.
  asio::co_spawn(
      *contexts[0],
      [&]() -> asio::awaitable<void> {
        asio::steady_timer wait(co_await asio::this_coro::executor);
        while (ready.load() < subscribers) {
          wait.expires_after(std::chrono::milliseconds(20));
          co_await wait.async_wait(as_tuple);
        }
        co_await publish(server, rate, warmup_s, duration_s, body_bytes, w, published, server_pid, used);
        wait.expires_after(std::chrono::seconds(2));
        co_await wait.async_wait(as_tuple);
        for (auto& context : contexts) context->stop();
      },
      fail_on_error);
  run_threads(contexts);

  stats total;
  for (const auto& s : per_thread) total.merge(s);
  const auto expected = published * static_cast<std::uint64_t>(subscribers);
  std::cout << "subscribers=" << subscribers << "\nrate=" << rate << "\nduration_s=" << duration_s
            << "\noffered_per_s=" << rate * subscribers
            << "\ndeliveries_per_s=" << static_cast<double>(total.received_in_window) / duration_s
            << "\np50_ms=" << total.percentile_ms(0.50) << "\np99_ms=" << total.percentile_ms(0.99)
            << "\nmax_ms=" << total.percentile_ms(1.0) << "\nreceived=" << total.received << "\nexpected=" << expected
            << "\nclosed=" << total.closed << "\nserver_cpu_us_per_delivery="
            << used.server_s * 1e6 / static_cast<double>(std::max<std::uint64_t>(total.received_in_window, 1))
            << "\nclient_cpu_us_per_delivery="
            << used.client_s * 1e6 / static_cast<double>(std::max<std::uint64_t>(total.received_in_window, 1))
            << std::endl;
  return 0;
}

int idle(tcp::endpoint server, int connections, int server_pid, int concurrency, double settle_s) {
  asio::io_context context(1);
  std::vector<std::unique_ptr<client>> open;
  const auto before = rss_kb(server_pid);
  int started = 0;
  int finished = 0;
  // Keeps `concurrency` handshakes in flight, so that the listen backlog never overflows.
  std::function<void()> start_next = [&] {
    if (started == connections) return;
    const int index = started++;
    asio::co_spawn(context, open_subscriber(server, "i" + std::to_string(index), "/sub/idle/" + std::to_string(index)),
                   [&](const std::exception_ptr& failure, std::unique_ptr<client> c) {
                     fail_on_error(failure);
                     open.push_back(std::move(c));
                     ++finished;
                     start_next();
                   });
  };
  for (int i = 0; i < concurrency; ++i) start_next();
  context.run();
  // Every connection is open and subscribed; each idles with a pending read (which also answers pings).
  for (auto& c : open) {
    c->async_read(*new beast::flat_buffer,
                  [](beast::error_code, std::size_t) {});  // leaked on purpose: ends with the process
  }
  context.restart();
  context.run_for(std::chrono::milliseconds(static_cast<std::int64_t>(settle_s * 1000)));
  const auto after = rss_kb(server_pid);
  std::cout << "connections=" << finished << "\nrss_before_kb=" << before << "\nrss_after_kb=" << after
            << "\nper_connection_kb=" << static_cast<double>(after - before) / finished << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"STOMP-over-WebSocket load generator"};
  unsigned short port = 0;
  cli.add_option("--port", port, "bench/stomp_server's port on 127.0.0.1")->required();
  cli.require_subcommand(1);

  auto* fan = cli.add_subcommand("fanout", "N subscribers of one destination, one publisher at a fixed rate");
  int subscribers = 1000;
  double rate = 100;
  double warmup = 2;
  double duration = 10;
  std::size_t body = 100;
  std::size_t threads = 1;
  fan->add_option("--subscribers", subscribers);
  fan->add_option("--rate", rate, "publishes per second");
  fan->add_option("--warmup", warmup, "seconds before measuring");
  fan->add_option("--duration", duration, "measured seconds");
  fan->add_option("--body", body, "body bytes");
  fan->add_option("--threads", threads, "client threads");
  int fan_server_pid = 0;
  fan->add_option("--server-pid", fan_server_pid, "to report the server's CPU time per delivery");

  auto* idle_mode = cli.add_subcommand("idle", "N idle subscribed connections; the server's RSS per connection");
  int connections = 10000;
  int server_pid = 0;
  int concurrency = 200;
  double settle = 2;
  idle_mode->add_option("--connections", connections);
  idle_mode->add_option("--server-pid", server_pid)->required();
  idle_mode->add_option("--concurrency", concurrency, "handshakes in flight");
  idle_mode->add_option("--settle", settle, "seconds to wait before reading the RSS");
  CLI11_PARSE(cli, argc, argv);

  const tcp::endpoint server(asio::ip::make_address("127.0.0.1"), port);
  try {
    if (fan->parsed())
      return fanout(server, subscribers, rate, warmup, duration, body, std::max<std::size_t>(threads, 1),
                    fan_server_pid);
    return idle(server, connections, server_pid, concurrency, settle);
  } catch (const std::exception& e) {
    std::cerr << "stomp_load: " << e.what() << std::endl;
    return 1;
  }
}
