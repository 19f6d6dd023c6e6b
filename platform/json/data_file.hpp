// The apps' demo data files, read strictly: unlike request binding nothing is coerced, and every accessor throws
// std::runtime_error naming the file or field, so a mistake in the data stops the seed with a message saying where.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace platform::json::data_file {

// The whole file, as bytes.
std::string read_file(const std::filesystem::path& path);
// The file's JSON, which must be an object.
boost::json::object read_object_file(const std::filesystem::path& path);

// The field, which must be present and of the type named.
std::string text(const boost::json::object& item, std::string_view key);
std::int64_t integer(const boost::json::object& item, std::string_view key);
double number(const boost::json::object& item, std::string_view key);
const boost::json::array& list(const boost::json::object& item, std::string_view key);

}  // namespace platform::json::data_file
