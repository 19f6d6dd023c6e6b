// Fields of Bbodok's JSON request bodies beyond platform::json's: ids (positive whole numbers) and booleans.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json/object.hpp>

namespace bbodok {

// A row id: a whole number (or numeric string, as Jackson coerced) above 0; nullopt otherwise or when absent.
std::optional<std::int64_t> id_field(const boost::json::object& body, std::string_view key);

// A JSON boolean; nullopt when absent or null, and *wrong_type set for anything else.
std::optional<bool> bool_field(const boost::json::object& body, std::string_view key, bool* wrong_type);

}  // namespace bbodok
