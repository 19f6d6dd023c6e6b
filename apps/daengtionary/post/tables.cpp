// The shared post statements, assembled from the constant names of one kind of post.
#include "apps/daengtionary/post/tables.hpp"

#include <fmt/format.h>

namespace daengtionary::post {

post_tables::post_tables(const post_names& n)
    : names(n),
      author_of(fmt::format("SELECT member_no FROM {0} WHERE {0}_no = ?", n.table)),
      delete_post(fmt::format("DELETE FROM {0} WHERE {0}_no = ?", n.table)),
      insert_image(fmt::format("INSERT INTO {0}_img ({0}_no, {1}) VALUES (?, ?)", n.table, n.image_url)),
      images_of(
          fmt::format("SELECT {0}_img_no AS image_no, {1} AS url FROM {0}_img WHERE {0}_no = ? ORDER BY {0}_img_no",
                      n.table, n.image_url)),
      delete_images(fmt::format("DELETE FROM {0}_img WHERE {0}_no = ?", n.table)) {
  if (!n.counts_views) return;
  viewed = fmt::format("SELECT 1 FROM {0}_view WHERE {0}_no = ? AND viewer = ? AND day = ?", n.table);
  record_view =
      fmt::format("INSERT INTO {0}_view ({0}_no, viewer, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", n.table);
  add_view = fmt::format("UPDATE {0} SET views = views + 1 WHERE {0}_no = ?", n.table);
}

}  // namespace daengtionary::post
