// platform::obs metrics: the per-CPU cells, the registry's rules and the exact Prometheus text it renders.
#include "platform/obs/metrics.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using platform::obs::registry;

TEST(MetricsRegistry, RendersAnUnlabelledCounterWithHelpAndType) {
  registry r;
  auto& served = r.add_counter("served_total", "Requests served");
  served.inc();
  served.inc(2);
  EXPECT_EQ(r.render(), "# HELP served_total Requests served\n# TYPE served_total counter\nserved_total 3\n");
}

TEST(MetricsRegistry, PutsConstantLabelsFirstOnEverySample) {
  registry r;
  r.counters("hits_total", "Hits", {"route"}).with({"/a"}).inc();
  r.add_gauge("open", "Open").inc();
  EXPECT_EQ(r.render({{"service", "bbodok"}}),
            "# HELP hits_total Hits\n# TYPE hits_total counter\nhits_total{service=\"bbodok\",route=\"/a\"} 1\n"
            "# HELP open Open\n# TYPE open gauge\nopen{service=\"bbodok\"} 1\n");
}

TEST(MetricsRegistry, EscapesLabelValuesAndHelp) {
  registry r;
  r.counters("odd_total", "A \\ help\nover two lines", {"value"}).with({"quote \" back \\ line\n"}).inc();
  EXPECT_EQ(r.render(),
            "# HELP odd_total A \\\\ help\\nover two lines\n# TYPE odd_total counter\n"
            "odd_total{value=\"quote \\\" back \\\\ line\\n\"} 1\n");
}

TEST(MetricsRegistry, ShowsALabelledCounterOnceItHasCountedAndAGaugeAlways) {
  registry r;
  auto& requests = r.counters("requests_total", "Requests", {"status"});
  auto& ok = requests.with({"2xx"});
  requests.with({"5xx"});
  auto& sessions = r.gauges("sessions", "Sessions", {"kind"});
  sessions.with({"ws"});
  r.add_counter("errors_total", "Errors");
  EXPECT_EQ(r.render(),
            "# HELP requests_total Requests\n# TYPE requests_total counter\n"
            "# HELP sessions Sessions\n# TYPE sessions gauge\nsessions{kind=\"ws\"} 0\n"
            "# HELP errors_total Errors\n# TYPE errors_total counter\nerrors_total 0\n");
  ok.inc();
  EXPECT_NE(r.render().find("requests_total{status=\"2xx\"} 1\n"), std::string::npos);
  EXPECT_EQ(r.render().find("5xx"), std::string::npos);
}

TEST(MetricsRegistry, GivesTheSameChildForTheSameLabelValues) {
  registry r;
  auto& family = r.counters("same_total", "Same", {"a", "b"});
  EXPECT_EQ(&family.with({"x", "y"}), &family.with({"x", "y"}));
  EXPECT_NE(&family.with({"x", "y"}), &family.with({"y", "x"}));
}

TEST(MetricsRegistry, GaugesGoUpAndDownAndBelowZero) {
  registry r;
  auto& g = r.add_gauge("level", "Level");
  g.inc();
  g.inc();
  g.dec();
  EXPECT_EQ(g.value(), 1);
  g.add(-3);
  EXPECT_EQ(g.value(), -2);
  {
    const platform::obs::gauge_scope held(g);
    EXPECT_EQ(g.value(), -1);
  }
  EXPECT_EQ(g.value(), -2);
  EXPECT_NE(r.render().find("\nlevel -2\n"), std::string::npos);
}

TEST(MetricsRegistry, RendersCumulativeHistogramBucketsWithSumAndCount) {
  registry r;
  auto& h = r.histograms("latency_seconds", "Latency", {"route"}, {0.001, 0.5, 2}).with({"/x"});
  h.observe(1ms);  // exactly on a bound: counted in it (le means "less than or equal")
  h.observe(100ms);
  h.observe(250ms);
  h.observe(3s);  // only in +Inf
  EXPECT_EQ(r.render(),
            "# HELP latency_seconds Latency\n# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{route=\"/x\",le=\"0.001\"} 1\n"
            "latency_seconds_bucket{route=\"/x\",le=\"0.5\"} 3\n"
            "latency_seconds_bucket{route=\"/x\",le=\"2\"} 3\n"
            "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"
            "latency_seconds_sum{route=\"/x\"} 3.351\n"
            "latency_seconds_count{route=\"/x\"} 4\n");
}

TEST(MetricsRegistry, RefusesNamesPrometheusWouldNotAccept) {
  registry r;
  EXPECT_THROW(r.add_counter("", "Empty"), std::invalid_argument);
  EXPECT_THROW(r.add_counter("9lives", "Digit first"), std::invalid_argument);
  EXPECT_THROW(r.add_counter("has-dash", "Dash"), std::invalid_argument);
  EXPECT_THROW(r.counters("ok_total", "Bad label", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(r.counters("ok2_total", "Bad label", {"a:b"}), std::invalid_argument);
  EXPECT_THROW(r.histograms("h", "Reserved le", {"le"}, {1}), std::invalid_argument);
  EXPECT_THROW(r.histograms("h2", "Unsorted", {}, {2, 1}), std::invalid_argument);
  r.add_counter("name:with_colon_total", "Colons are allowed in names");
}

TEST(MetricsRegistry, RefusesANameTwiceAndTheWrongNumberOfLabelValues) {
  registry r;
  auto& family = r.counters("twice_total", "Twice", {"a"});
  EXPECT_THROW(r.add_gauge("twice_total", "Again"), std::invalid_argument);
  EXPECT_THROW(family.with({}), std::invalid_argument);
  EXPECT_THROW(family.with({"x", "y"}), std::invalid_argument);
}

TEST(MetricsRegistry, CountsExactlyFromManyThreads) {
  registry r;
  auto& c = r.add_counter("contended_total", "Contended");
  auto& h = r.histograms("contended_seconds", "Contended", {}, {0.5}).with({});
  constexpr int threads = 4;
  constexpr int per_thread = 100000;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        c.inc();
        h.observe(1ms);
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(c.value(), std::uint64_t{threads} * per_thread);
  const auto taken = h.read();
  EXPECT_EQ(taken.count, std::uint64_t{threads} * per_thread);
  EXPECT_EQ(taken.cumulative.front(), taken.count);
  EXPECT_DOUBLE_EQ(taken.sum_seconds, threads * per_thread * 0.001);
}

TEST(MetricsRegistry, RecordsNothingWhileSwitchedOff) {
  registry r;
  auto& c = r.add_counter("switched_total", "Switched");
  platform::obs::record_metrics(false);
  c.inc();
  platform::obs::record_metrics(true);
  EXPECT_EQ(c.value(), 0U);
  c.inc();
  EXPECT_EQ(c.value(), 1U);
}

}  // namespace
