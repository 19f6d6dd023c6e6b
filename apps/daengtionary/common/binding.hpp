// Binding request input to records described with BOOST_DESCRIBE_STRUCT, as Spring bound the original's DTOs:
// each member the record lists comes from the key of its camelCase name (max_count from "maxCount").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/describe/members.hpp>
#include <boost/json/object.hpp>
#include <boost/mp11/algorithm.hpp>

#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "platform/http/message.hpp"
#include "platform/json/binding.hpp"
#include "platform/json/form.hpp"

namespace daengtionary {

// Text takes numbers as their text, decimals take numeric strings ("" as 0), and both flag other types; a whole
// number (a Java Long) takes the same, and anything else reads as 0 for the feature's validation to refuse.
inline void read_field(const boost::json::object& data, const std::string& key, std::string& out, bool& wrong_type) {
  out = platform::json::text_field(data, key, &wrong_type).value_or("");
}
inline void read_field(const boost::json::object& data, const std::string& key, double& out, bool& wrong_type) {
  out = platform::json::number_field(data, key, &wrong_type).value_or(0);
}
inline void read_field(const boost::json::object& data, const std::string& key, std::int64_t& out, bool&) {
  out = platform::json::whole_number_field(data, key).value_or(0);
}

// The multipart `data` part as a Form; a missing or null key leaves "" or 0, which the feature's validation judges.
// not_valid_content when a text or decimal field has another type (an array, an object).
template <class Form>
result<Form> form_data(const platform::json::form& parts) {
  const auto data = parts.json("data");
  bool wrong_type = false;
  Form out{};
  boost::mp11::mp_for_each<boost::describe::describe_members<Form, boost::describe::mod_public>>(
      [&](auto member) { read_field(data, camel_case(member.name), out.*member.pointer, wrong_type); });
  if (wrong_type) return errc::not_valid_content;
  return out;
}

// A list filter from the query, every member's parameter required (a framework 400 names the first missing one, in
// the record's order); a valueless key is "".
template <class Filter>
Filter query_filter(const platform::http::request& req) {
  Filter out{};
  boost::mp11::mp_for_each<boost::describe::describe_members<Filter, boost::describe::mod_public>>(
      [&](auto member) { out.*member.pointer = std::string(req.required_query(camel_case(member.name))); });
  return out;
}

}  // namespace daengtionary
