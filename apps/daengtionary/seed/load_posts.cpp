// The demo set's community posts and trades, written through their repositories as the routes would.
#include <boost/json/value.hpp>

#include "apps/daengtionary/community/repository.hpp"
#include "apps/daengtionary/community/service.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "apps/daengtionary/seed/loaders.hpp"
#include "apps/daengtionary/trade/repository.hpp"
#include "apps/daengtionary/trade/validation.hpp"

namespace daengtionary::seed {
namespace {

using boost::json::object;

// Demo popularity: the view counters are set directly rather than replayed view by view.
constexpr const char* set_community_views = "UPDATE community SET views = ? WHERE community_no = ?";
constexpr const char* set_trade_views = "UPDATE trade SET views = ? WHERE trade_no = ?";

void load_comments(demo_set& set, const object& item, std::int64_t community_no) {
  for (const auto& entry : list(item, "comments")) {
    const auto& comment = entry.as_object();
    const std::string content = text(comment, "content");
    require_valid(community::validate_comment(content), "comment", content);
    community::repository::insert_comment(set.db(), community_no, set.member(comment.at("author")), content,
                                          set.next_timestamp());
  }
}

}  // namespace

void load_community(demo_set& set) {
  namespace posts = community::repository;
  for (const auto& entry : list(set.document(), "community")) {
    const auto& item = entry.as_object();
    const community::post_form form{text(item, "category"), text(item, "title"), text(item, "content")};
    require_valid(community::validate(form), "community post", form.title);
    const std::int64_t community_no =
        posts::insert_post(set.db(), set.member(item.at("author")), form, set.next_timestamp());
    post::repository::insert_images(set.db(), posts::tables(), community_no,
                                    set.store_images(item.at("images"), community::max_images));
    load_comments(set, item, community_no);
    set.db().execute(set_community_views, {integer(item, "views"), community_no});
    set.like(item, wishes::target::community, community_no);
  }
}

// A trade item carries the seven fields of the route's `data` part, so it is bound exactly as a request.
void load_trades(demo_set& set) {
  namespace trades = trade::repository;
  for (const auto& entry : list(set.document(), "trades")) {
    const auto& item = entry.as_object();
    const auto form = trade::trade_form_of(item);
    require_valid(form ? trade::validate(*form) : result<void>(form.error()), "trade", text(item, "title"));
    const std::int64_t trade_no =
        trades::insert_trade(set.db(), set.member(item.at("author")), *form, set.next_timestamp());
    post::repository::insert_images(set.db(), trades::tables(), trade_no,
                                    set.store_images(item.at("images"), trade::max_images));
    set.db().execute(set_trade_views, {integer(item, "views"), trade_no});
    set.like(item, wishes::target::trade, trade_no);
  }
}

}  // namespace daengtionary::seed
