// Rewrites the portable `?` placeholders into PostgreSQL's numbered $1..$n.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace platform::sql {

struct numbered_sql {
  std::string text;
  std::size_t parameters = 0;
};

// Leaves `?` alone inside '...' literals, "..." identifiers, -- and /* */ comments. PostgreSQL's jsonb
// `?` operators cannot be written this way; use jsonb_exists() instead.
numbered_sql number_placeholders(std::string_view sql);

}  // namespace platform::sql
