// Counters, gauges and histograms with labels, recorded without a lock and rendered as Prometheus text.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sched.h>

namespace platform::obs {

// Switches recording on or off for the whole process (`metrics.enabled`); on by default. Every recording call
// returns at once while it is off. Set it at start, before anything records: a gauge that counted an object in
// and not out would stay off balance.
void record_metrics(bool on) noexcept;

namespace detail {

extern std::atomic<bool> recording;

// The slots of one metric, one row per CPU: a writer adds to the row of the CPU it runs on, so writers on
// different CPUs never share a cache line, and a scrape sums the rows. The adds are relaxed atomics, so a thread
// that moves to another CPU mid-add, or CPUs that share a row (more CPUs than rows), still count exactly.
class sharded_cells {
 public:
  explicit sharded_cells(std::size_t cells);

  void add(std::size_t cell, std::uint64_t n) noexcept {
    if (!recording.load(std::memory_order_relaxed)) return;
    lines_[row() * lines_per_row_ + cell / slots_per_line].slots[cell % slots_per_line].fetch_add(
        n, std::memory_order_relaxed);
  }
  // The sum over rows (wrapping: a gauge's slots hold two's-complement deltas).
  std::uint64_t sum(std::size_t cell) const noexcept;

 private:
  static constexpr std::size_t slots_per_line = 8;
  struct alignas(64) line {
    std::array<std::atomic<std::uint64_t>, slots_per_line> slots{};
  };
  // sched_getcpu() reads the CPU number the kernel keeps in the thread's rseq area (glibc 2.35+): no system call.
  std::size_t row() const noexcept {
    const int cpu = sched_getcpu();
    return cpu < 0 ? 0 : static_cast<std::size_t>(cpu) & row_mask_;
  }

  std::size_t row_mask_;  // rows - 1; rows is a power of two
  std::size_t lines_per_row_;
  std::unique_ptr<line[]> lines_;
};

}  // namespace detail

// Only goes up.
class counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { cells_.add(0, n); }
  std::uint64_t value() const noexcept { return cells_.sum(0); }

 private:
  detail::sharded_cells cells_{1};
};

// Goes up and down: things open now (connections, sessions, queued jobs).
class gauge {
 public:
  void add(std::int64_t n) noexcept { cells_.add(0, static_cast<std::uint64_t>(n)); }
  void inc() noexcept { add(1); }
  void dec() noexcept { add(-1); }
  std::int64_t value() const noexcept { return static_cast<std::int64_t>(cells_.sum(0)); }

 private:
  detail::sharded_cells cells_{1};
};

// Counts its owner in a gauge for the owner's life: a member (or local) of a session, a connection.
class gauge_scope {
 public:
  explicit gauge_scope(gauge& counted) noexcept : counted_(&counted) { counted_->inc(); }
  gauge_scope(const gauge_scope&) = delete;
  gauge_scope& operator=(const gauge_scope&) = delete;
  ~gauge_scope() { counted_->dec(); }

 private:
  gauge* counted_;
};

// Durations in buckets (upper bounds in seconds, ascending; +Inf is implicit), with their count and sum.
class histogram {
 public:
  explicit histogram(const std::vector<double>& bounds_seconds);

  void observe(std::chrono::nanoseconds elapsed) noexcept {
    std::size_t bucket = 0;
    const std::int64_t nanos = elapsed.count();
    while (bucket < bounds_.size() && nanos > bounds_[bucket]) ++bucket;
    cells_.add(bucket, 1);
    cells_.add(sum_cell(), static_cast<std::uint64_t>(nanos < 0 ? 0 : nanos));
  }

  struct snapshot {
    std::vector<std::uint64_t> cumulative;  // per bound, then +Inf (= count)
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  snapshot read() const;
  const std::vector<double>& bounds() const { return bounds_seconds_; }

 private:
  std::size_t sum_cell() const { return bounds_.size() + 1; }

  std::vector<double> bounds_seconds_;
  std::vector<std::int64_t> bounds_;  // the same in nanoseconds
  detail::sharded_cells cells_;       // one per bound, +Inf, then the sum in nanoseconds
};

// One metric name: its help, its label names, and a child per set of label values.
class family_base {
 public:
  family_base(std::string name, std::string help, std::vector<std::string> label_names, std::mutex& guard);
  family_base(const family_base&) = delete;
  family_base& operator=(const family_base&) = delete;
  virtual ~family_base();

  const std::string& name() const { return name_; }

  // Appends this family in the text exposition format, `constant` labels first on every sample.
  virtual void render(std::string& out, std::string_view constant) const = 0;

 protected:
  std::vector<std::string> key_of(std::initializer_list<std::string_view> values) const;
  void header(std::string& out, std::string_view type) const;
  // `name{constant,labels…}` (and `extra`, a last label such as le="0.5") for the child with these values.
  void sample_name(std::string& out, std::string_view suffix, std::string_view constant,
                   const std::vector<std::string>& values, std::string_view extra = {}) const;
  bool labelled() const { return !label_names_.empty(); }

  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  std::mutex& guard_;  // the registry's: guards children, never held while recording
};

template <class Metric>
class family final : public family_base {
 public:
  template <class... Args>
  family(std::string name, std::string help, std::vector<std::string> label_names, std::mutex& guard,
         Args&&... child_args)
      : family_base(std::move(name), std::move(help), std::move(label_names), guard),
        make_child_([... args = std::forward<Args>(child_args)] { return std::make_unique<Metric>(args...); }) {}

  // The child with these label values (one per label name, in order), made on first use. It takes the
  // registry's lock: resolve children where their labels become known (a route's registration), keep the
  // reference, and record through it without one.
  Metric& with(std::initializer_list<std::string_view> values) {
    auto key = key_of(values);
    const std::lock_guard lock(guard_);
    auto& child = children_[std::move(key)];
    if (!child) child = make_child_();
    return *child;
  }

  void render(std::string& out, std::string_view constant) const override;

 private:
  std::function<std::unique_ptr<Metric>()> make_child_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_;  // never erased: references stay valid
};

template <>
void family<counter>::render(std::string& out, std::string_view constant) const;
template <>
void family<gauge>::render(std::string& out, std::string_view constant) const;
template <>
void family<histogram>::render(std::string& out, std::string_view constant) const;

// The metrics of one process (or of one test). Families are never removed, so references to them and to their
// children stay valid for the registry's life.
class registry {
 public:
  registry() = default;
  registry(const registry&) = delete;
  registry& operator=(const registry&) = delete;

  // A name or label name that Prometheus would not accept, or a name registered twice, throws
  // std::invalid_argument.
  family<counter>& counters(std::string name, std::string help, std::vector<std::string> label_names);
  family<gauge>& gauges(std::string name, std::string help, std::vector<std::string> label_names);
  family<histogram>& histograms(std::string name, std::string help, std::vector<std::string> label_names,
                                std::vector<double> bounds_seconds);
  // Without labels: the one child, always rendered.
  counter& add_counter(std::string name, std::string help) {
    return counters(std::move(name), std::move(help), {}).with({});
  }
  gauge& add_gauge(std::string name, std::string help) { return gauges(std::move(name), std::move(help), {}).with({}); }

  // Every family in the Prometheus text exposition format 0.0.4, in registration order, with the `constant`
  // labels (e.g. {"service", "bbodok"}) on every sample. A labelled counter or histogram shows a child once it
  // has counted something, as client libraries show a child once it is first used; gauges show every child.
  std::string render(const std::vector<std::pair<std::string, std::string>>& constant = {}) const;

 private:
  template <class Family>
  Family& add(std::unique_ptr<Family> made);

  mutable std::mutex mutex_;  // guards families_ and every family's children
  std::vector<std::unique_ptr<family_base>> families_;
};

// The exposition format's escaping: label values escape backslash, double quote and line feed; help text
// backslash and line feed.
std::string escape_label_value(std::string_view value);
std::string escape_help(std::string_view help);

}  // namespace platform::obs
