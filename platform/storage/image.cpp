// Image type checks by extension and magic bytes, and key generation for accepted uploads.
#include "platform/storage/image.hpp"

#include "platform/storage/uuid.hpp"

namespace platform::storage {
namespace {

bool iequals_ascii(std::string_view a, std::string_view lower_b) {
  if (a.size() != lower_b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != lower_b[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<image_kind> sniff_image(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) {
    return image_kind::jpeg;
  }
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) {
    return image_kind::png;
  }
  return std::nullopt;
}

std::optional<image_kind> image_kind_from_filename(std::string_view filename) {
  const auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view ext = filename.substr(dot + 1);
  if (iequals_ascii(ext, "jpg") || iequals_ascii(ext, "jpeg")) {
    return image_kind::jpeg;
  }
  if (iequals_ascii(ext, "png")) {
    return image_kind::png;
  }
  return std::nullopt;
}

std::string_view content_type(image_kind kind) {
  switch (kind) {
    case image_kind::jpeg:
      return "image/jpeg";
    case image_kind::png:
      return "image/png";
  }
  return "application/octet-stream";  // unreachable for valid enumerators
}

std::string_view extension(image_kind kind) {
  switch (kind) {
    case image_kind::jpeg:
      return ".jpg";
    case image_kind::png:
      return ".png";
  }
  return "";  // unreachable for valid enumerators
}

std::optional<accepted_image> accept_image(std::string_view filename, std::string_view bytes) {
  if (!image_kind_from_filename(filename)) {
    return std::nullopt;
  }
  const auto kind = sniff_image(bytes);
  if (!kind) {
    return std::nullopt;
  }
  return accepted_image{.kind = *kind, .key = random_uuid_v4() + std::string(extension(*kind))};
}

}  // namespace platform::storage
