// The metric cells, the registry and the Prometheus text exposition format (version 0.0.4).
#include "platform/obs/metrics.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace platform::obs {

namespace detail {

std::atomic<bool> recording{true};

namespace {

// One row per CPU up to 64 (more CPUs share rows), a power of two so that picking a row is a mask.
std::size_t row_count() {
  static const std::size_t rows = std::bit_ceil(std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 64));
  return rows;
}

}  // namespace

sharded_cells::sharded_cells(std::size_t cells)
    : row_mask_(row_count() - 1),
      lines_per_row_((cells + slots_per_line - 1) / slots_per_line),
      lines_(std::make_unique<line[]>(row_count() * lines_per_row_)) {}

std::uint64_t sharded_cells::sum(std::size_t cell) const noexcept {
  std::uint64_t total = 0;
  for (std::size_t r = 0; r <= row_mask_; ++r) {
    total +=
        lines_[r * lines_per_row_ + cell / slots_per_line].slots[cell % slots_per_line].load(std::memory_order_relaxed);
  }
  return total;
}

}  // namespace detail

void record_metrics(bool on) noexcept { detail::recording.store(on, std::memory_order_relaxed); }

namespace {

constexpr double nanos_per_second = 1e9;

bool valid_name(std::string_view name, bool colons) {
  auto first = [colons](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (colons && c == ':');
  };
  auto rest = [&first](char c) { return first(c) || std::isdigit(static_cast<unsigned char>(c)); };
  return !name.empty() && first(name.front()) && std::all_of(name.begin() + 1, name.end(), rest);
}

std::string format_double(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", value);
}

void check_bounds(const std::vector<double>& bounds_seconds) {
  if (!std::is_sorted(bounds_seconds.begin(), bounds_seconds.end()) ||
      std::adjacent_find(bounds_seconds.begin(), bounds_seconds.end()) != bounds_seconds.end()) {
    throw std::invalid_argument("histogram bounds must be strictly ascending");
  }
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_help(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

histogram::histogram(const std::vector<double>& bounds_seconds)
    : bounds_seconds_(bounds_seconds), cells_(bounds_seconds.size() + 2) {
  check_bounds(bounds_seconds);
  for (double bound : bounds_seconds) bounds_.push_back(std::llround(bound * nanos_per_second));
}

histogram::snapshot histogram::read() const {
  snapshot taken;
  std::uint64_t running = 0;
  for (std::size_t bucket = 0; bucket <= bounds_.size(); ++bucket) {
    running += cells_.sum(bucket);
    taken.cumulative.push_back(running);
  }
  taken.count = running;
  taken.sum_seconds = static_cast<double>(cells_.sum(sum_cell())) / nanos_per_second;
  return taken;
}

family_base::family_base(std::string name, std::string help, std::vector<std::string> label_names, std::mutex& guard)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)), guard_(guard) {
  if (!valid_name(name_, true)) throw std::invalid_argument("invalid metric name: " + name_);
  for (const auto& label : label_names_) {
    if (!valid_name(label, false) || label.starts_with("__") || label == "le") {
      throw std::invalid_argument("invalid label name for " + name_ + ": " + label);
    }
  }
}

family_base::~family_base() = default;

std::vector<std::string> family_base::key_of(std::initializer_list<std::string_view> values) const {
  if (values.size() != label_names_.size()) {
    throw std::invalid_argument(
        fmt::format("{} takes {} label values, not {}", name_, label_names_.size(), values.size()));
  }
  return {values.begin(), values.end()};
}

void family_base::header(std::string& out, std::string_view type) const {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name_, escape_help(help_), name_, type);
}

void family_base::sample_name(std::string& out, std::string_view suffix, std::string_view constant,
                              const std::vector<std::string>& values, std::string_view extra) const {
  out += name_;
  out += suffix;
  if (constant.empty() && values.empty() && extra.empty()) return;
  out += '{';
  bool first = true;
  auto separate = [&out, &first] {
    if (!first) out += ',';
    first = false;
  };
  if (!constant.empty()) {
    separate();
    out += constant;
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    separate();
    fmt::format_to(std::back_inserter(out), "{}=\"{}\"", label_names_[i], escape_label_value(values[i]));
  }
  if (!extra.empty()) {
    separate();
    out += extra;
  }
  out += '}';
}

template <>
void family<counter>::render(std::string& out, std::string_view constant) const {
  header(out, "counter");
  for (const auto& [values, child] : children_) {
    const std::uint64_t value = child->value();
    if (labelled() && value == 0) continue;  // see registry::render
    sample_name(out, "", constant, values);
    fmt::format_to(std::back_inserter(out), " {}\n", value);
  }
}

template <>
void family<gauge>::render(std::string& out, std::string_view constant) const {
  header(out, "gauge");
  for (const auto& [values, child] : children_) {
    sample_name(out, "", constant, values);
    fmt::format_to(std::back_inserter(out), " {}\n", child->value());
  }
}

template <>
void family<histogram>::render(std::string& out, std::string_view constant) const {
  header(out, "histogram");
  for (const auto& [values, child] : children_) {
    const auto taken = child->read();
    if (labelled() && taken.count == 0) continue;  // see registry::render
    const auto& bounds = child->bounds();
    for (std::size_t bucket = 0; bucket < taken.cumulative.size(); ++bucket) {
      const double bound = bucket < bounds.size() ? bounds[bucket] : std::numeric_limits<double>::infinity();
      sample_name(out, "_bucket", constant, values, fmt::format("le=\"{}\"", format_double(bound)));
      fmt::format_to(std::back_inserter(out), " {}\n", taken.cumulative[bucket]);
    }
    sample_name(out, "_sum", constant, values);
    fmt::format_to(std::back_inserter(out), " {}\n", format_double(taken.sum_seconds));
    sample_name(out, "_count", constant, values);
    fmt::format_to(std::back_inserter(out), " {}\n", taken.count);
  }
}

template <class Family>
Family& registry::add(std::unique_ptr<Family> made) {
  const std::lock_guard lock(mutex_);
  for (const auto& existing : families_) {
    if (existing->name() == made->name()) throw std::invalid_argument("metric registered twice: " + made->name());
  }
  Family& result = *made;
  families_.push_back(std::move(made));
  return result;
}

family<counter>& registry::counters(std::string name, std::string help, std::vector<std::string> label_names) {
  return add(std::make_unique<family<counter>>(std::move(name), std::move(help), std::move(label_names), mutex_));
}

family<gauge>& registry::gauges(std::string name, std::string help, std::vector<std::string> label_names) {
  return add(std::make_unique<family<gauge>>(std::move(name), std::move(help), std::move(label_names), mutex_));
}

family<histogram>& registry::histograms(std::string name, std::string help, std::vector<std::string> label_names,
                                        std::vector<double> bounds_seconds) {
  check_bounds(bounds_seconds);
  return add(std::make_unique<family<histogram>>(std::move(name), std::move(help), std::move(label_names), mutex_,
                                                 std::move(bounds_seconds)));
}

std::string registry::render(const std::vector<std::pair<std::string, std::string>>& constant) const {
  std::string labels;
  for (const auto& [name, value] : constant) {
    if (!valid_name(name, false)) throw std::invalid_argument("invalid label name: " + name);
    if (!labels.empty()) labels += ',';
    fmt::format_to(std::back_inserter(labels), "{}=\"{}\"", name, escape_label_value(value));
  }
  std::string out;
  const std::lock_guard lock(mutex_);
  for (const auto& each : families_) each->render(out, labels);
  return out;
}

}  // namespace platform::obs
