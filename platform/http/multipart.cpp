// multipart/form-data parsing: delimiters, part headers, Content-Disposition parameters.
#include "platform/http/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "platform/text/code_points.hpp"

namespace platform::http::multipart {
namespace {

constexpr std::string_view crlf = "\r\n";

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Reads `;`-separated `key=value` parameters after the first token of a header value. Quoted values
// end at the next quote: browsers percent-encode quotes in names and never backslash-escape.
struct header_value {
  std::string_view token;
  std::vector<std::pair<std::string_view, std::string_view>> parameters;
  bool well_formed = true;
};

header_value split_parameters(std::string_view value) {
  header_value parsed;
  std::size_t semicolon = value.find(';');
  parsed.token = trim(value.substr(0, semicolon));
  std::size_t at = semicolon == std::string_view::npos ? value.size() : semicolon + 1;
  while (at < value.size()) {
    std::size_t eq = value.find('=', at);
    if (eq == std::string_view::npos) {
      if (!trim(value.substr(at)).empty()) parsed.well_formed = false;
      break;
    }
    std::string_view key = trim(value.substr(at, eq - at));
    std::size_t start = eq + 1;
    while (start < value.size() && value[start] == ' ') ++start;
    std::string_view param_value;
    if (start < value.size() && value[start] == '"') {
      std::size_t close = value.find('"', start + 1);
      if (close == std::string_view::npos) {
        parsed.well_formed = false;
        break;
      }
      param_value = value.substr(start + 1, close - start - 1);
      at = value.find(';', close);
    } else {
      std::size_t end = value.find(';', start);
      param_value = trim(value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
      at = end;
    }
    parsed.parameters.emplace_back(key, param_value);
    if (at == std::string_view::npos) break;
    ++at;
  }
  return parsed;
}

std::optional<std::string_view> parameter(const header_value& header, std::string_view key) {
  for (const auto& [name, value] : header.parameters) {
    if (iequals(name, key)) return value;
  }
  return std::nullopt;
}

// Fills name, filename and content type from the part's header block; false when it is not a form-data part.
bool read_part_headers(std::string_view block, part& out) {
  bool has_disposition = false;
  while (!block.empty()) {
    std::size_t end = block.find(crlf);
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view() : block.substr(end + crlf.size());
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view name = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      header_value disposition = split_parameters(value);
      auto field = parameter(disposition, "name");
      if (!disposition.well_formed || !iequals(disposition.token, "form-data") || !field) return false;
      out.name = std::string(*field);
      if (auto filename = parameter(disposition, "filename")) out.filename = std::string(*filename);
      has_disposition = true;
    } else if (iequals(name, "content-type")) {
      out.content_type = std::string(value);
    }
  }
  return has_disposition;
}

}  // namespace

std::optional<std::string> boundary_of(std::string_view content_type) {
  header_value header = split_parameters(content_type);
  if (!header.well_formed || !iequals(header.token, "multipart/form-data")) return std::nullopt;
  auto boundary = parameter(header, "boundary");
  // RFC 2046: 1 to 70 characters.
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return std::string(*boundary);
}

parse_result parse(std::string_view content_type, std::string_view body, const limits& limits) {
  auto fail = [](error e) { return parse_result{{}, e}; };
  auto boundary = boundary_of(content_type);
  if (!boundary) return fail(error::not_multipart);

  const std::string delimiter = "--" + *boundary;
  const std::string inner_delimiter = std::string(crlf) + delimiter;

  // The first delimiter may be preceded by a preamble, which is ignored.
  std::size_t at = body.starts_with(delimiter) ? 0 : body.find(inner_delimiter);
  if (at == std::string_view::npos) return fail(error::malformed);
  at += body.starts_with(delimiter) ? delimiter.size() : inner_delimiter.size();

  parse_result result;
  for (;;) {
    std::string_view rest = body.substr(at);
    if (rest.starts_with("--")) return result;  // close delimiter; the epilogue is ignored
    // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
    std::size_t line_end = rest.find(crlf);
    if (line_end == std::string_view::npos || !trim(rest.substr(0, line_end)).empty()) return fail(error::malformed);
    at += line_end + crlf.size();

    if (result.parts.size() == limits.max_parts) return fail(error::too_many_parts);

    rest = body.substr(at);
    constexpr std::string_view blank_line = "\r\n\r\n";
    std::size_t headers_end = rest.find(blank_line);
    if (headers_end == std::string_view::npos || headers_end > limits.max_part_header_bytes)
      return fail(error::malformed);
    part current;
    if (!read_part_headers(rest.substr(0, headers_end), current)) return fail(error::malformed);
    at += headers_end + blank_line.size();

    std::size_t data_end = body.find(inner_delimiter, at);
    if (data_end == std::string_view::npos) return fail(error::malformed);
    if (data_end - at > limits.max_part_bytes) return fail(error::part_too_large);
    current.data = std::string(body.substr(at, data_end - at));
    result.parts.push_back(std::move(current));
    at = data_end + inner_delimiter.size();
  }
}

std::string_view describe(error e) {
  switch (e) {
    case error::not_multipart:
      return "Content-Type must be multipart/form-data with a boundary";
    case error::malformed:
      return "Malformed multipart body";
    case error::too_many_parts:
      return "Too many multipart parts";
    case error::part_too_large:
      return "Multipart part too large";
  }
  return "Malformed multipart body";
}

std::optional<std::string_view> text_of(const part& p) {
  if (!text::is_accepted_text(p.data)) return std::nullopt;
  return std::string_view(p.data);
}

}  // namespace platform::http::multipart
