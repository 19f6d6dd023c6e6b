// Matching routes: parse and check parameters, call the matching service, answer the contract's JSON.
#include "apps/daengtionary/routes.hpp"

#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/daengtionary/common/binding.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/common/list_query.hpp"
#include "apps/daengtionary/common/request_params.hpp"
#include "apps/daengtionary/friend/service.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "apps/daengtionary/mypage/dog_json.hpp"
#include "apps/daengtionary/post/routes.hpp"
#include "platform/json/form.hpp"

namespace daengtionary::matching {
namespace {

namespace http = platform::http;
using boost::json::value;
using platform::json::form;

using context = post::context<service>;

// FriendResponseDto.
value summary_json(const post_summary& post) { return dto_json(post); }

// The author as the frontend reads it (only `nick`), without the email and Kakao id the original leaked.
value author_json(const post_detail& detail) {
  return boost::json::object{{"memberNo", detail.author.member_no},
                             {"nick", detail.author.nick},
                             {"role", detail.author.role},
                             {"dogs", json_array(detail.dogs, mypage::dog_json)},
                             {"createdAt", iso_local_datetime(detail.author.created_at)},
                             {"modifiedAt", iso_local_datetime(detail.author.modified_at)}};
}

value detail_json(const post_detail& detail) {
  boost::json::object out = dto_json(detail.post, {}, {"member_no"});
  out["member"] = author_json(detail);
  boost::json::array& images = out["images"].emplace_array();
  for (const auto& image : detail.images) {
    images.push_back(boost::json::object{{"friendImgNo", image.image_no}, {"friendImg", image.url}});
  }
  return out;
}

// What the shared post routes need to know of matching posts.
struct friend_post {
  using context = matching::context;
  static constexpr const char* id = "friendNo";
  static constexpr const char* created = "생성 완료";
  static constexpr const char* deleted = "삭제 성공";
  // The `data` part (a `friendNo` key is ignored): a missing, empty or fractional maxCount reads as 0, which
  // validation refuses, since a matching nobody can join is no use.
  static constexpr auto form_of = form_data<post_form>;
};

// GET /friend?category&address&title&content&pagenum&pagesize (also /friend/, valueless keys = ""): 200 newest
// first; 400.
asio::awaitable<http::response> render_list(context ctx, post_filter filter, page paging) {
  const auto posts = co_await ctx.posts.list(std::move(filter), paging);
  co_return ok(json_array(posts, summary_json), "조회 완료");
}

asio::awaitable<http::response> list(context ctx, http::request req) {
  auto filter = query_filter<post_filter>(req);
  const auto paging = page_of(req);
  if (!paging) co_return fail(paging.error());
  co_return co_await cached(ctx.pages, std::string(req.raw.target()), render_list, ctx, std::move(filter), *paging);
}

// GET /friend/{friendNo}: 200 the detail; 400; 404.
asio::awaitable<http::response> detail(context ctx, http::request req) {
  const auto found = co_await ctx.posts.detail(req.path_int("friendNo"));
  co_return ok_or_fail(found, detail_json, "조회 완료");
}

// PATCH /friend/{friendNo} multipart data: 200 수정 성공; 400 (content, not the author); 401; 404.
asio::awaitable<http::response> update(context ctx, http::request req, member::member_record me) {
  const auto friend_no = req.path_int("friendNo");
  auto post = form_data<post_form>(form::read(req));
  if (!post) co_return fail(post.error());
  const auto updated = co_await ctx.posts.update(me.member_no, friend_no, std::move(*post));
  co_return ok_or_fail(updated, "수정 성공");
}

// POST /friend/count/{friendNo}: 200 참가 성공 (joined now or before) or 참가 실패 (closed); 400
// FRIEND_IS_NOT_MEMBER for the author; 401; 404.
asio::awaitable<http::response> join(context ctx, http::request req, member::member_record me) {
  auto outcome = co_await ctx.posts.join(me.member_no, req.path_int("friendNo"));
  if (!outcome) co_return fail(outcome.error());
  co_return ok(*outcome == join_outcome::joined ? "참가 성공" : "참가 실패");
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& posts,
                     platform::cache::page_cache& pages) {
  using http::verb;
  const context ctx{members, posts, pages};
  auto anyone = [ctx](auto handler) { return http::bind_context(ctx, handler); };
  auto signed_in = [ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  routes.add(verb::post, "/friend/create", signed_in(post::create<friend_post>));
  routes.add(verb::get, "/friend", anyone(list));
  routes.add(verb::get, "/friend/{friendNo}", anyone(detail));
  routes.add(verb::patch, "/friend/{friendNo}", signed_in(update));
  // DELETE: joins and images go, the chat room stays.
  routes.add(verb::delete_, "/friend/{friendNo}", signed_in(post::remove<friend_post>));
  routes.add(verb::post, "/friend/count/{friendNo}", signed_in(join));
}

}  // namespace daengtionary::matching
