// The rules of group fields and their 400 texts.
#include "apps/bbodok/group/validation.hpp"

#include "platform/auth/password.hpp"
#include "platform/text/code_points.hpp"

namespace bbodok::group {
namespace {

bool is_path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

bool has_length(std::string_view text, std::size_t min, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (!platform::text::next_code_point(text, at)) return false;
    if (++count > max) return false;
  }
  return count >= min;
}

std::optional<failure> check_name(std::string_view name) {
  if (has_length(name, 1, max_name_length) && !platform::text::is_blank(name)) {
    return std::nullopt;
  }
  return rule_broken("그룹 이름은 1자 이상 50자 이하로 입력해 주세요.");
}

std::optional<failure> check_path(std::string_view path) {
  bool ok = !path.empty() && path.size() <= max_path_length;
  for (const char c : path) ok = ok && is_path_char(c);
  if (ok) return std::nullopt;
  return rule_broken("초대 코드는 영문, 숫자, '-', '_'로 1자 이상 64자 이하여야 합니다.");
}

std::optional<failure> check_password(const std::optional<std::string>& password) {
  if (password && !password->empty() && password->size() <= platform::auth::max_password_bytes &&
      password->find('\0') == std::string::npos) {
    return std::nullopt;
  }
  return rule_broken("비밀 그룹의 비밀번호는 1자 이상 72바이트 이하로 입력해 주세요.");
}

std::optional<failure> check_new_group(const new_group& form) {
  if (auto bad = check_name(form.name)) return bad;
  if (auto bad = check_path(form.path)) return bad;
  if (form.secret) return check_password(form.password);
  return std::nullopt;
}

std::optional<failure> check_edit(const group_edit& form) {
  if (auto bad = check_name(form.name)) return bad;
  if (form.secret && form.password && !form.password->empty()) return check_password(form.password);
  return std::nullopt;
}

std::optional<failure> check_color(const std::optional<std::string>& color) {
  if (!color || has_length(*color, 0, max_color_length)) return std::nullopt;
  return rule_broken("색상은 30자 이하로 입력해 주세요.");
}

}  // namespace bbodok::group
