// Place routes: parse and check parameters, call the place service, answer the contract's JSON.
#include "apps/daengtionary/routes.hpp"

#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/daengtionary/common/binding.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "apps/daengtionary/place/service.hpp"
#include "apps/daengtionary/post/routes.hpp"

namespace daengtionary::place {
namespace {

namespace http = platform::http;
using boost::json::value;

struct context {
  member::service& members;
  service& posts;
  platform::cache::page_cache& pages;
  std::string category;  // the prefix's: hospital, room or shop; "" for /query and /map
};

// MapResponseDto.
value summary_json(const place_summary& place) { return dto_json(place, {{"image", "mapImgUrl"}, {"views", "view"}}); }

value review_json(const review_record& review) { return dto_json(review, {}, {"map_no", "member_no"}); }

value detail_json(const place_detail& detail) {
  const place_record& place = detail.post;
  boost::json::object sub = dto_json(place, {{"star", "mapStar"}, {"views", "view"}}, {"member_no"});
  sub["createdAt"] = short_datetime(place.created_at);
  sub["modifiedAt"] = short_datetime(place.modified_at);
  boost::json::array images;
  for (const auto& url : detail.images) images.push_back(boost::json::object{{"mapImgUrl", url}});
  boost::json::array reviews;
  boost::json::array alias;  // what the frontend reads (the original never sent it)
  for (const auto& review : detail.reviews) {
    reviews.push_back(review_json(review));
    alias.push_back(dto_json(review, {{"image", "memberImgUrl"}}, {"map_no", "member_no"}));
  }
  return boost::json::object{{"mapDetailSubResponseDto", std::move(sub)},
                             {"imgResponseDtoList", std::move(images)},
                             {"reviewResponseDtoList", std::move(reviews)},
                             {"mapReviewList", std::move(alias)}};
}

// What the shared post routes need to know of places.
struct place_post {
  using context = place::context;
  using filter = place_filter;
  static constexpr const char* id = "mapNo";
  static constexpr const char* created = "생성 완료";
  static constexpr const char* deleted = "삭제 완료";
  static constexpr auto form_of = form_data<place_form>;
  static constexpr auto summary_json = place::summary_json;
  // GET P/{mapNo}?pagenum&pagesize: the detail of any category with a page of reviews.
  static constexpr bool paged = true;
  static constexpr auto detail_json = place::detail_json;
  static constexpr const char* detail_message = "조회 성공";
  // Reviews: multipart data {content,star}; a star that is not a whole number reads as 0, which validation refuses.
  static constexpr auto child_form_of = form_data<review_form>;
  static constexpr auto child_json = review_json;
};

// GET P?address&sort&pagenum&pagesize: 200 the prefix's places; 400.
asio::awaitable<http::response> list(context ctx, http::request req) {
  place_filter filter;
  filter.category = ctx.category;
  filter.address = std::string(req.required_query("address"));
  co_return co_await post::list_page<place_post>(ctx, std::move(req), std::move(filter));
}

// GET P/search?title&content&nick&address&sort&pagenum&pagesize (and /query with category): 200; 400.
asio::awaitable<http::response> search(context ctx, http::request req) {
  place_filter filter{ctx.category.empty() ? std::string(req.required_query("category")) : ctx.category,
                      std::string(req.required_query("title")), std::string(req.required_query("content")),
                      std::string(req.required_query("nick")), std::string(req.required_query("address"))};
  co_return co_await post::list_page<place_post>(ctx, std::move(req), std::move(filter));
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& places,
                     platform::cache::page_cache& pages) {
  using http::verb;
  for (const std::string category : {"hospital", "room", "shop"}) {
    const context ctx{members, places, pages, category};
    post::add_routes<place_post>(routes, ctx, "/" + category, list, search);
  }
  const context any{members, places, pages, ""};
  routes.add(verb::get, "/query", http::bind_context(any, search));
  routes.add(verb::post, "/map/{mapNo}/wish", member::bind_signed_in(any, post::toggle_wish<place_post>));
}

}  // namespace daengtionary::place
