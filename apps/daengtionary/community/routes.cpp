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

// The author's dog (breed, image) beside the post's own members.
template <class Post>
boost::json::object with_dog(boost::json::object post, const Post& row) {
  post["breed"] = nullable(row.dog.breed);
  post["image"] = nullable(row.dog.image);
  return post;
}

value summary_json(const post_summary& post) {
  return with_dog(dto_json(post, {{"views", "view"}, {"image", "communityImg"}}, {"member_no"}), post);
}

// My page's row: the list's, but the original sent these fields as null.
value own_post_json(const post_summary& post) {
  value row = summary_json(post);
  for (const char* key : {"breed", "email", "image", "category", "reviewCount", "wishCount"}) {
    row.as_object()[key] = nullptr;
  }
  return row;
}

// A comment row, with its image under image_key.
boost::json::object comment_row(const comment_record& comment, std::string_view image_key = "image") {
  return dto_json(comment, {{"image", image_key}}, {"community_no", "member_no"});
}

// A created or updated comment: star is always 0 (comments have none).
value comment_json(const comment_record& comment) {
  boost::json::object row = comment_row(comment);
  row["star"] = 0;
  return row;
}

value detail_json(const post_detail& detail) {
  boost::json::object sub = with_dog(dto_json(detail.post, {{"views", "view"}}, {"member_no"}), detail.post);
  boost::json::array images;
  for (const auto& url : detail.images) images.push_back(boost::json::object{{"mapImgUrl", url}});
  boost::json::array comments;
  boost::json::array alias;  // what the frontend reads (the original never sent it)
  for (const auto& comment : detail.comments) {
    comments.push_back(comment_row(comment));
    alias.push_back(comment_row(comment, "imgUrl"));
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
