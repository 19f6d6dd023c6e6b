// Sans-I/O parser for multipart/form-data bodies (RFC 7578), with limits on part count and size.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platform::http::multipart {

struct part {
  std::string name;
  std::optional<std::string> filename;  // present (possibly empty) only for file parts
  std::string content_type;             // "" when the part has none
  std::string data;

  bool is_file() const { return filename.has_value(); }
};

struct limits {
  std::size_t max_parts = 32;
  std::size_t max_part_bytes = 20 * 1024 * 1024;
  std::size_t max_part_header_bytes = 8 * 1024;
};

enum class error {
  not_multipart,  // Content-Type is not multipart/form-data or has no usable boundary
  malformed,      // missing delimiter, bad part headers, truncated body
  too_many_parts,
  part_too_large,
};

struct parse_result {
  std::vector<part> parts;
  std::optional<error> failure;  // set on failure, parts then empty
};

// The boundary parameter of a multipart/form-data Content-Type value, unquoted; nullopt otherwise.
std::optional<std::string> boundary_of(std::string_view content_type);

parse_result parse(std::string_view content_type, std::string_view body, const limits& limits = {});

std::string_view describe(error e);

// The data of a part read as a text field: nullopt unless it is accepted text (platform/text/code_points.hpp).
// Whether a part is text is the reader's call, not the filename's: browsers send a JSON Blob as
// `filename="blob"`, and files are binary.
std::optional<std::string_view> text_of(const part& p);

}  // namespace platform::http::multipart
