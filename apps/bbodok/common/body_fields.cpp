// Reading ids and booleans from request bodies.
#include "apps/bbodok/common/body_fields.hpp"

#include "platform/json/binding.hpp"

namespace bbodok {

std::optional<std::int64_t> id_field(const boost::json::object& body, std::string_view key) {
  const auto id = platform::json::whole_number_field(body, key);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

std::optional<bool> bool_field(const boost::json::object& body, std::string_view key, bool* wrong_type) {
  const auto* found = body.if_contains(key);
  if (found == nullptr || found->is_null()) return std::nullopt;
  if (!found->is_bool()) {
    *wrong_type = true;
    return std::nullopt;
  }
  return found->as_bool();
}

}  // namespace bbodok
