// What the group feature hands to routes and to other features.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace bbodok::group {

// A group as the frontend reads it (GroupResponse); the password never leaves the service.
struct group_record {
  std::int64_t group_id = 0;
  std::string name;
  bool secret = false;
  std::optional<std::string> color;  // the caller's colour: only GET /groups and PATCH /groups/color set it
  std::string path;                  // the invite code
};

// POST /api/v1/groups.
struct new_group {
  std::string name;
  bool secret = false;
  std::optional<std::string> password;  // read for secret groups only
  std::string path;
};

// PATCH /api/v1/groups (owner only).
struct group_edit {
  std::int64_t group_id = 0;
  std::string name;
  bool secret = false;
  std::optional<std::string> password;  // a secret group keeps its password when none is given
};

}  // namespace bbodok::group
