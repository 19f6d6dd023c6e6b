// A todo as the frontend reads it (TodoResponse).
#pragma once

#include <cstdint>
#include <string>

namespace bbodok::todo {

struct todo_record {
  std::int64_t todo_id = 0;
  std::int64_t group_id = 0;
  std::string content;
  bool done = false;
};

}  // namespace bbodok::todo
