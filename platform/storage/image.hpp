// Which uploads count as images (§5): allowed extension AND matching content, under a random key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace platform::storage {

enum class image_kind { jpeg, png };

// By magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A.
std::optional<image_kind> sniff_image(std::string_view bytes);

// By the text after the last dot, case-insensitively: jpg/jpeg → jpeg, png → png; anything else,
// or no dot, → nullopt.
std::optional<image_kind> image_kind_from_filename(std::string_view filename);

std::string_view content_type(image_kind kind);  // "image/jpeg", "image/png"
std::string_view extension(image_kind kind);     // ".jpg", ".png"

struct accepted_image {
  image_kind kind;  // as sniffed
  std::string key;  // "<uuid v4><extension(kind)>"
};

// Accepts only a non-empty upload whose filename has an allowed extension and whose bytes sniff as
// an allowed image. The sniffed kind wins for content type and key, so a PNG named .jpg is stored
// as .png. nullopt means the contract's WRONG_IMAGE_FORMAT.
std::optional<accepted_image> accept_image(std::string_view filename, std::string_view bytes);

}  // namespace platform::storage
