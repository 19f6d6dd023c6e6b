// The shared post statements, assembled from the constant names of one kind of post.
#include "apps/daengtionary/post/tables.hpp"

#include <fmt/format.h>

namespace daengtionary::post {

post_tables::post_tables(const post_names& n)
    : names(n),
      author_of(fmt::format("SELECT member_no FROM {} WHERE {} = ?", n.table, n.id)),
      delete_post(fmt::format("DELETE FROM {} WHERE {} = ?", n.table, n.id)),
      insert_image(fmt::format("INSERT INTO {} ({}, {}) VALUES (?, ?)", n.image_table, n.id, n.image_url)),
      images_of(fmt::format("SELECT {} AS image_no, {} AS url FROM {} WHERE {} = ? ORDER BY {}", n.image_id,
                            n.image_url, n.image_table, n.id, n.image_id)),
      delete_images(fmt::format("DELETE FROM {} WHERE {} = ?", n.image_table, n.id)) {
  if (n.view_table == nullptr) return;
  viewed = fmt::format("SELECT 1 FROM {} WHERE {} = ? AND viewer = ? AND day = ?", n.view_table, n.id);
  record_view =
      fmt::format("INSERT INTO {} ({}, viewer, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", n.view_table, n.id);
  add_view = fmt::format("UPDATE {} SET views = views + 1 WHERE {} = ?", n.table, n.id);
}

}  // namespace daengtionary::post
