// Community routes: parse and check parameters, call the community service, answer the contract's JSON.
#include "apps/daengtionary/routes.hpp"

#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "apps/daengtionary/common/binding.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/community/service.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "apps/daengtionary/post/routes.hpp"
#include "platform/json/form.hpp"

namespace daengtionary::community {
namespace {

namespace http = platform::http;
using boost::json::value;
using platform::json::form;

using context = post::context<service>;

value summary_json(const post_summary& post) {
  return boost::json::object{{"communityNo", post.community_no},
                             {"nick", post.nick},
                             {"breed", nullable(post.dog.breed)},
                             {"email", nullable(post.email)},
                             {"image", nullable(post.dog.image)},
                             {"title", post.title},
                             {"category", post.category},
                             {"view", post.views},
                             {"communityImg", nullable(post.image)},
                             {"reviewCount", post.review_count},
                             {"wishCount", post.wish_count},
                             {"createdAt", korean_datetime(post.created_at)},
                             {"modifiedAt", korean_datetime(post.modified_at)}};
}

// My page's row: the list's, but the original sent these fields as null.
value own_post_json(const post_summary& post) {
  value row = summary_json(post);
  for (const char* key : {"breed", "email", "image", "category", "reviewCount", "wishCount"}) {
    row.as_object()[key] = nullptr;
  }
  return row;
}

// A created or updated comment: star is always 0 (comments have none).
value comment_json(const comment_record& comment) {
  return boost::json::object{{"reviewNo", comment.review_no},
                             {"nick", comment.nick},
                             {"content", comment.content},
                             {"image", nullable(comment.image)},
                             {"star", 0}};
}

value detail_json(const post_detail& detail) {
  const post_record& post = detail.post;
  boost::json::object sub{{"communityNo", post.community_no},
                          {"nick", post.nick},
                          {"title", post.title},
                          {"category", post.category},
                          {"breed", nullable(post.dog.breed)},
                          {"image", nullable(post.dog.image)},
                          {"content", post.content},
                          {"view", post.views},
                          {"createdAt", korean_datetime(post.created_at)},
                          {"modifiedAt", korean_datetime(post.modified_at)}};
  boost::json::array images;
  for (const auto& url : detail.images) images.push_back(boost::json::object{{"mapImgUrl", url}});
  boost::json::array comments;
  boost::json::array alias;  // what the frontend reads (the original never sent it)
  for (const auto& comment : detail.comments) {
    comments.push_back(boost::json::object{{"reviewNo", comment.review_no},
                                           {"nick", comment.nick},
                                           {"content", comment.content},
                                           {"image", nullable(comment.image)}});
    alias.push_back(boost::json::object{{"reviewNo", comment.review_no},
                                        {"nick", comment.nick},
                                        {"content", comment.content},
                                        {"imgUrl", nullable(comment.image)}});
  }
  return boost::json::object{{"communityDetatilResponseDto", std::move(sub)},
                             {"imgResponseDtoList", std::move(images)},
                             {"reviewResponseDtos", std::move(comments)},
                             {"reviewList", std::move(alias)}};
}

// What the shared post routes need to know of community posts.
struct community_post {
  using context = community::context;
  using filter = post_filter;
  static constexpr const char* id = "comNo";
  static constexpr const char* created = "커뮤니티 생성 완료";
  static constexpr const char* deleted = "삭제 성공";
  static constexpr wishes::target wish = wishes::target::community;
  static constexpr auto form_of = form_data<post_form>;
  static constexpr auto summary_json = community::summary_json;
  // GET /community/{comNo}?pagenum&pagesize: the post with a page of comments (oldest first).
  static constexpr bool paged = true;
  static constexpr auto detail_json = community::detail_json;
  static constexpr const char* detail_message = "조회성공";
  // GET /mypage/mypost/community: image-less posts too.
  static constexpr auto own_json = own_post_json;
  // Comments: multipart data = the raw text (400 when the part is missing).
  static result<std::string> child_form_of(const form& parts) { return parts.text("data"); }
  static constexpr auto child_json = comment_json;
};

}  // namespace

void register_routes(http::router& routes, member::service& members, service& posts,
                     platform::cache::page_cache& pages) {
  post::add_routes<community_post>(routes, context{members, posts, pages}, "/community");
}

}  // namespace daengtionary::community
