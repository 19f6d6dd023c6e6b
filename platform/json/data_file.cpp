// Strict reads of demo data files; every failure names what is wrong.
#include "platform/json/data_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <fmt/format.h>

namespace platform::json::data_file {
namespace {

const boost::json::value& field(const boost::json::object& item, std::string_view key) {
  const auto* found = item.if_contains(key);
  if (!found) throw std::runtime_error(fmt::format("demo data: missing \"{}\"", key));
  return *found;
}

[[noreturn]] void wrong_type(std::string_view key, std::string_view expected) {
  throw std::runtime_error(fmt::format("demo data: \"{}\" must be {}", key, expected));
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("demo data: cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

boost::json::object read_object_file(const std::filesystem::path& path) {
  auto document = boost::json::parse(read_file(path));
  if (!document.is_object()) throw std::runtime_error("demo data: " + path.string() + " is not a JSON object");
  return std::move(document).as_object();
}

std::string text(const boost::json::object& item, std::string_view key) {
  const auto* value = field(item, key).if_string();
  if (!value) wrong_type(key, "a string");
  return std::string(*value);
}

std::int64_t integer(const boost::json::object& item, std::string_view key) {
  const auto* value = field(item, key).if_int64();
  if (!value) wrong_type(key, "an integer");
  return *value;
}

double number(const boost::json::object& item, std::string_view key) {
  const auto& value = field(item, key);
  if (!value.is_number()) wrong_type(key, "a number");
  return value.to_number<double>();
}

const boost::json::array& list(const boost::json::object& item, std::string_view key) {
  const auto* value = field(item, key).if_array();
  if (!value) wrong_type(key, "a list");
  return *value;
}

}  // namespace platform::json::data_file
