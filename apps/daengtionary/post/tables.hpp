// Where one kind of post lives in the schema, and the statements every kind shares, built from those names.
#pragma once

#include <optional>
#include <string>

#include "apps/daengtionary/common/wish_repository.hpp"

namespace daengtionary::post {

// Constant names from the migrations, never user input. The schema names the rest after the table: its key
// `<table>_no`, its image table `<table>_img` keyed by `<table>_img_no` (upload order), its view table
// `<table>_view` (id, viewer, day).
struct post_names {
  const char* table;                   // "map"
  const char* image_url;               // the image table's URL column, "map_img_url"
  bool counts_views;                   // false: there is no view table
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
