// The demo set's places, community posts and trades, written through their repositories as the routes would.
#include <fmt/format.h>

#include "apps/daengtionary/community/service.hpp"
#include "apps/daengtionary/place/service.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "apps/daengtionary/seed/loaders.hpp"
#include "apps/daengtionary/trade/service.hpp"

namespace daengtionary::seed {
namespace {

using boost::json::object;

// A post of a kind post::posts knows, checked by the kind's validate, with its images, its views (set directly
// rather than replayed view by view) and its likes; its id, for the rows under it.
template <class Kind>
std::int64_t load_post(demo_set& set, const object& item, const typename Kind::form& form, std::string_view kind) {
  require_valid(Kind::validate(form), kind, text(item, "title"));
  const auto& tables = Kind::tables();
  const std::int64_t id = Kind::insert(set.db(), set.member(item.at("author")), form, set.next_timestamp());
  post::repository::insert_images(set.db(), tables, id, set.store_images(item.at("images"), Kind::max_images));
  set.db().execute(fmt::format("UPDATE {0} SET views = ? WHERE {0}_no = ?", tables.names.table),
                   {integer(item, "views"), id});
  set.like(item, *tables.names.wish, id);
  return id;
}

}  // namespace

void load_places(demo_set& set) {
  namespace places = place::repository;
  for (const auto& entry : list(set.document(), "places")) {
    const auto& item = entry.as_object();
    const place::place_form form{text(item, "title"), text(item, "category"), text(item, "content"),
                                 text(item, "address")};
    const std::int64_t map_no = load_post<place::place_kind>(set, item, form, "place");
    for (const auto& review_entry : list(item, "reviews")) {
      const auto& review = review_entry.as_object();
      const place::review_form row{text(review, "content"), integer(review, "star")};
      require_valid(place::validate(row), "review", row.content);
      places::insert_review(set.db(), map_no, set.member(review.at("author")), row, set.next_timestamp());
    }
    place::review_rows::changed(set.db(), map_no);
  }
}

void load_community(demo_set& set) {
  for (const auto& entry : list(set.document(), "community")) {
    const auto& item = entry.as_object();
    const community::post_form form{text(item, "category"), text(item, "title"), text(item, "content")};
    const std::int64_t community_no = load_post<community::post_kind>(set, item, form, "community post");
    for (const auto& comment_entry : list(item, "comments")) {
      const auto& comment = comment_entry.as_object();
      const std::string content = text(comment, "content");
      require_valid(community::validate_comment(content), "comment", content);
      community::repository::insert_comment(set.db(), community_no, set.member(comment.at("author")), content,
                                            set.next_timestamp());
    }
  }
}

// A trade item carries the seven fields of the route's `data` part, so it is bound exactly as a request.
void load_trades(demo_set& set) {
  for (const auto& entry : list(set.document(), "trades")) {
    const auto& item = entry.as_object();
    const auto form = trade::trade_form_of(item);
    if (!form) require_valid(form.error(), "trade", text(item, "title"));
    load_post<trade::trade_kind>(set, item, *form, "trade");
  }
}

}  // namespace daengtionary::seed
