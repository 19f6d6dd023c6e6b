// What a group's fields may hold (the original checked nothing): checked before anything is hashed or stored.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "apps/bbodok/common/failure.hpp"
#include "apps/bbodok/group/dto.hpp"

namespace bbodok::group {

inline constexpr std::size_t max_name_length = 50;   // code points
inline constexpr std::size_t max_path_length = 64;   // bytes of [A-Za-z0-9_-]
inline constexpr std::size_t max_color_length = 30;  // code points; the frontend sends daisyUI theme names

// Whether text is valid UTF-8 of between min and max code points.
bool has_length(std::string_view text, std::size_t min, std::size_t max);

// nullopt when acceptable, else the 400 failure naming the rule.
std::optional<failure> check_name(std::string_view name);
std::optional<failure> check_path(std::string_view path);
// A secret group's password: 1 to 72 bytes (bcrypt reads no further).
std::optional<failure> check_password(const std::optional<std::string>& password);
std::optional<failure> check_new_group(const new_group& form);
// A secret group's password may be left out on an edit (the stored one is kept; see group::service::edit).
std::optional<failure> check_edit(const group_edit& form);
std::optional<failure> check_color(const std::optional<std::string>& color);

}  // namespace bbodok::group
