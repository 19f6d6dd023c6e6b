// A single pass over the SQL text that tracks literals and comments to find real placeholders.
#include "platform/sql/placeholders.hpp"

namespace platform::sql {

numbered_sql number_placeholders(std::string_view sql) {
  numbered_sql out;
  out.text.reserve(sql.size() + 8);
  std::size_t i = 0;
  // Copies through the first occurrence of `end` at or after `from` (or to the end of the text).
  const auto copy_through = [&](std::size_t from, std::string_view end) {
    const auto stop = sql.find(end, from);
    const auto next = stop == std::string_view::npos ? sql.size() : stop + end.size();
    out.text.append(sql.substr(i, next - i));
    i = next;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // A doubled quote inside a literal ends it and starts another at once, which copies the same text.
      copy_through(i + 1, std::string_view(&sql[i], 1));
    } else if (sql.substr(i, 2) == "--") {
      copy_through(i + 2, "\n");
    } else if (sql.substr(i, 2) == "/*") {
      copy_through(i + 2, "*/");
    } else if (c == '?') {
      out.text += '$';
      out.text += std::to_string(++out.parameters);
      ++i;
    } else {
      out.text += c;
      ++i;
    }
  }
  return out;
}

}  // namespace platform::sql
