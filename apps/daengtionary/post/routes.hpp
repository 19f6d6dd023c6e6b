// The route handlers every kind of post shares, parametrised by a feature's description: a struct that
// names its context (with `members`, `posts` = its service, `pages`), its path parameter, its form binding,
// list filter and row JSON, and its messages. Bound like any handler (`signed_in(post::toggle_wish<place_post>)`),
// or all at once by add_routes.
#pragma once

#include <string>
#include <utility>

#include <boost/json/array.hpp>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/binding.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/common/request_params.hpp"
#include "apps/daengtionary/common/wish_answer.hpp"
#include "apps/daengtionary/member/dto.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "apps/daengtionary/member/viewer.hpp"
#include "platform/cache/page_cache.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"
#include "platform/json/form.hpp"

namespace daengtionary::member {
class service;
}

namespace daengtionary::post {

using platform::json::form;

// What a feature's routes are bound to: members (sign-in, viewers), the feature's service, the list pages.
template <class Service>
struct context {
  member::service& members;
  Service& posts;
  platform::cache::page_cache& pages;
};

// POST …/create multipart `data` + imgUrl files: 200 Feature::created; 400 NOT_VALIDCONTENT, image format; 401.
template <class Feature>
asio::awaitable<platform::http::response> create(typename Feature::context ctx, platform::http::request req,
                                                 member::member_record me) {
  const form parts = form::read(req);
  auto fields = Feature::form_of(parts);
  if (!fields) co_return fail(fields.error());
  const auto created = co_await ctx.posts.create(me.member_no, std::move(*fields), parts.files("imgUrl"));
  co_return ok_or_fail(created, Feature::created);
}

// PATCH …/{id} multipart `data` + optional imgUrl files (they replace the images): 200 수정 성공; 400 (content,
// not the author); 401; 404.
template <class Feature>
asio::awaitable<platform::http::response> update(typename Feature::context ctx, platform::http::request req,
                                                 member::member_record me) {
  const auto id = req.path_int(Feature::id);
  const form parts = form::read(req);
  auto fields = Feature::form_of(parts);
  if (!fields) co_return fail(fields.error());
  const auto updated = co_await ctx.posts.update(me.member_no, id, std::move(*fields), parts.files("imgUrl"));
  co_return ok_or_fail(updated, "수정 성공");
}

// DELETE …/{id}: 200 Feature::deleted (every row that refers to the post goes too); 400 not the author; 401; 404.
template <class Feature>
asio::awaitable<platform::http::response> remove(typename Feature::context ctx, platform::http::request req,
                                                 member::member_record me) {
  const auto removed = co_await ctx.posts.remove(me.member_no, req.path_int(Feature::id));
  co_return ok_or_fail(removed, Feature::deleted);
}

// POST …/{id}/wish: 200 added (all ids null) or removed (the post's id set); 401; 404.
template <class Feature>
asio::awaitable<platform::http::response> toggle_wish(typename Feature::context ctx, platform::http::request req,
                                                      member::member_record me) {
  const auto id = req.path_int(Feature::id);
  auto added = co_await ctx.posts.toggle_wish(me.member_no, id);
  if (!added) co_return fail(added.error());
  co_return wishes::answer(ctx.posts.wish_target(), id, *added);
}

// The children's routes (reviews, comments): Feature::child_form_of reads the multipart `data`,
// Feature::child_json answers a row, ctx.posts.children() is the service's post::children.
//
// POST …/review/create/{id}: 200 리뷰 생성 완료 + the child; 400; 401; 404.
template <class Feature>
asio::awaitable<platform::http::response> add_child(typename Feature::context ctx, platform::http::request req,
                                                    member::member_record me) {
  const auto id = req.path_int(Feature::id);
  auto child = Feature::child_form_of(form::read(req));
  if (!child) co_return fail(child.error());
  const auto added = co_await ctx.posts.children().add(me.member_no, id, std::move(*child));
  co_return ok_or_fail(added, Feature::child_json, "리뷰 생성 완료");
}

// PATCH …/review/{id}/{reviewNo}: 200 수정 성공 + the child; 400 (content, not the writer); 401; 404 (post, or
// a child not of that post).
template <class Feature>
asio::awaitable<platform::http::response> update_child(typename Feature::context ctx, platform::http::request req,
                                                       member::member_record me) {
  const auto id = req.path_int(Feature::id);
  const auto child_no = req.path_int("reviewNo");
  auto child = Feature::child_form_of(form::read(req));
  if (!child) co_return fail(child.error());
  const auto updated = co_await ctx.posts.children().update(me.member_no, id, child_no, std::move(*child));
  co_return ok_or_fail(updated, Feature::child_json, "수정 성공");
}

// DELETE …/review/{id}/{reviewNo}: 200 삭제 성공; 400 not the writer; 401; 404.
template <class Feature>
asio::awaitable<platform::http::response> remove_child(typename Feature::context ctx, platform::http::request req,
                                                       member::member_record me) {
  const auto id = req.path_int(Feature::id);
  const auto removed = co_await ctx.posts.children().remove(me.member_no, id, req.path_int("reviewNo"));
  co_return ok_or_fail(removed, "삭제 성공");
}

// GET …/{id}, with ?pagenum&pagesize for the kinds shown with a page of children (Feature::paged): 200
// Feature::detail_json, the view counted once per viewer and day; 400; 404.
template <class Feature>
asio::awaitable<platform::http::response> detail(typename Feature::context ctx, platform::http::request req) {
  const auto id = req.path_int(Feature::id);
  if constexpr (Feature::paged) {
    auto paging = page_of(req);
    if (!paging) co_return fail(paging.error());
    std::string viewer = co_await member::viewer_of(ctx.members, req);
    const auto found = co_await ctx.posts.view(id, std::move(viewer), *paging);
    co_return ok_or_fail(found, Feature::detail_json, Feature::detail_message);
  } else {
    std::string viewer = co_await member::viewer_of(ctx.members, req);
    const auto found = co_await ctx.posts.view(id, std::move(viewer));
    co_return ok_or_fail(found, Feature::detail_json, Feature::detail_message);
  }
}

// GET /mypage/mypost/…: 200 조회 성공, the caller's posts newest first as Feature::own_json shows them; 401.
template <class Feature>
asio::awaitable<platform::http::response> my_posts(typename Feature::context ctx, platform::http::request,
                                                   member::member_record me) {
  const auto posts = co_await ctx.posts.posts_of(me.member_no);
  co_return ok(json_array(posts, Feature::own_json), "조회 성공");
}

template <class Feature>
asio::awaitable<platform::http::response> render_list(typename Feature::context ctx, typename Feature::filter filter,
                                                      sort_order sort, page paging) {
  const auto rows = co_await ctx.posts.list(std::move(filter), sort, paging);
  co_return ok(json_array(rows, Feature::summary_json), "조회 성공");
}

// One page of the list (…&sort&pagenum&pagesize): 200 조회 성공; 400. The same page for every caller (the
// frontend asks anonymously), so it is cached by request target.
template <class Feature>
asio::awaitable<platform::http::response> list_page(typename Feature::context ctx, platform::http::request req,
                                                    typename Feature::filter filter) {
  const auto sort = parse_sort(req.required_query("sort"));
  auto paging = page_of(req);
  if (!paging) co_return fail(paging.error());
  co_return co_await cached(ctx.pages, std::string(req.raw.target()), render_list<Feature>, ctx, std::move(filter),
                            sort, *paging);
}

// GET P?sort&pagenum&pagesize (the frontend's `direction` is ignored): every post.
template <class Feature>
asio::awaitable<platform::http::response> list_all(typename Feature::context ctx, platform::http::request req) {
  typename Feature::filter everything;  // named: a braced temporary inside co_await trips GCC 12
  co_return co_await list_page<Feature>(ctx, std::move(req), std::move(everything));
}

// GET P/search?<each member of the filter, camelCase>&sort&pagenum&pagesize: the matching posts.
template <class Feature>
asio::awaitable<platform::http::response> search(typename Feature::context ctx, platform::http::request req) {
  auto filter = query_filter<typename Feature::filter>(req);
  co_return co_await list_page<Feature>(ctx, std::move(req), std::move(filter));
}

// The routes every kind of post has under `prefix` (/community, /trade, /hospital, …): create, the list and
// search (the feature's own handlers), the detail, update and delete, and for the kinds with children
// (Feature::child_json) the three review routes.
template <class Feature, class List, class Search>
void add_routes(platform::http::router& routes, const typename Feature::context& ctx, const std::string& prefix,
                List list, Search search) {
  using platform::http::verb;
  auto anyone = [&ctx](auto handler) { return platform::http::bind_context(ctx, handler); };
  auto signed_in = [&ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  const std::string post = prefix + "/{" + Feature::id + "}";
  routes.add(verb::post, prefix + "/create", signed_in(create<Feature>));
  routes.add(verb::get, prefix, anyone(list));
  routes.add(verb::get, prefix + "/search", anyone(search));
  routes.add(verb::get, post, anyone(detail<Feature>));
  routes.add(verb::patch, post, signed_in(update<Feature>));
  routes.add(verb::delete_, post, signed_in(remove<Feature>));
  if constexpr (requires { Feature::child_json; }) {
    const std::string review = prefix + "/review/{" + Feature::id + "}/{reviewNo}";
    routes.add(verb::post, prefix + "/review/create/{" + Feature::id + "}", signed_in(add_child<Feature>));
    routes.add(verb::patch, review, signed_in(update_child<Feature>));
    routes.add(verb::delete_, review, signed_in(remove_child<Feature>));
  }
}

// The kinds listed whole and searched by their whole filter (community posts, trades): add_routes, the wish toggle
// under the post and the caller's own posts at /mypage/mypost/<prefix>.
template <class Feature>
void add_routes(platform::http::router& routes, const typename Feature::context& ctx, const std::string& prefix) {
  add_routes<Feature>(routes, ctx, prefix, list_all<Feature>, search<Feature>);
  auto signed_in = [&ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  routes.add(platform::http::verb::post, prefix + "/{" + Feature::id + "}/wish", signed_in(toggle_wish<Feature>));
  routes.add(platform::http::verb::get, "/mypage/mypost" + prefix, signed_in(my_posts<Feature>));
}

}  // namespace daengtionary::post
