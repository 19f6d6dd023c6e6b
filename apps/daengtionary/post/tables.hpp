// Where one kind of post lives in the schema, and the statements every kind shares, built from those names.
#pragma once

#include <optional>
#include <string>

#include "apps/daengtionary/common/wish_repository.hpp"

namespace daengtionary::post {

// Constant names from the migrations, never user input.
struct post_names {
  const char* table;                   // "map"
  const char* id;                      // its key, "map_no"
  const char* image_table;             // "map_img", keyed by `id`
  const char* image_id;                // "map_img_no": upload order
  const char* image_url;               // "map_img_url"
  const char* view_table;              // "map_view" (id, viewer, day); nullptr when views are not counted
  std::optional<wishes::target> wish;  // nullopt when the post cannot be liked
};

// Built once per kind, so each text is the same every time and is prepared once per connection.
struct post_tables {
  explicit post_tables(const post_names& names);

  post_names names;
  std::string author_of;
  std::string delete_post;  // the children go by ON DELETE CASCADE
  std::string insert_image;
  std::string images_of;
  std::string delete_images;
  std::string viewed;
  std::string record_view;
  std::string add_view;
};

}  // namespace daengtionary::post
