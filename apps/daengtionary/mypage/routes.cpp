// /mypage/info, /mypage/nick and /mypage/dogs/*: every route needs a member; dogs only their owner.
#include "apps/daengtionary/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "apps/daengtionary/common/binding.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/common/json_value.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "apps/daengtionary/member/signed_in.hpp"
#include "apps/daengtionary/mypage/dog_json.hpp"
#include "apps/daengtionary/mypage/service.hpp"
#include "platform/json/binding.hpp"
#include "platform/json/form.hpp"
#include "platform/json/request_body.hpp"

namespace daengtionary::mypage {
namespace {

namespace http = platform::http;
using platform::json::form;

struct context {
  member::service& members;
  service& dogs;
};

// Wraps a dog operation's outcome: the message made from the dog's name, or the error envelope.
http::response reply(const result<std::string>& name, std::string_view format) {
  if (!name) return fail(name.error());
  return ok(fmt::format(fmt::runtime(format), *name));
}

// GET /mypage/info: 200 with the member and dogs; 401.
asio::awaitable<http::response> info(context ctx, http::request, member::member_record me) {
  const auto dogs = co_await ctx.dogs.dogs_of(me.member_no);
  boost::json::object data{{"memberNo", me.member_no},
                           {"email", me.email},
                           {"nick", me.nick},
                           {"dogs", json_array(dogs, dog_json)},
                           {"createdAt", korean_datetime(me.created_at)},
                           {"modifiedAt", korean_datetime(me.modified_at)}};
  co_return ok(data, fmt::format("{}님의 정보가 조회되었습니다 :)", me.nick));
}

// PATCH /mypage/nick {nick}: 200; 400 BAD_REQUEST, DUPLICATE_NICK; 401.
asio::awaitable<http::response> change_nick(context ctx, http::request req, member::member_record me) {
  const auto body = platform::json::read_object(req.body());
  const auto changed =
      co_await ctx.members.change_nick(me.member_no, platform::json::text_field(body, "nick").value_or(""));
  co_return ok_or_fail(changed, "닉네임이 수정되었습니다 :)");
}

// POST /mypage/dogs multipart data + image: 200; 400 BAD_REQUEST (content, image format); 401.
asio::awaitable<http::response> add_dog(context ctx, http::request req, member::member_record me) {
  const form parts = form::read(req);
  auto dog = form_data<dog_form>(parts);
  if (!dog) co_return fail(dog.error());
  co_return reply(co_await ctx.dogs.add_dog(me.member_no, std::move(*dog), parts.files("image")),
                  "{} 프로필이 작성되었습니다 :)");
}

// PATCH /mypage/dogs/{dogNo} multipart data + optional image: 200; 400 (content, no such dog, not the
// owner); 401.
asio::awaitable<http::response> update_dog(context ctx, http::request req, member::member_record me) {
  const auto dog_no = req.path_int("dogNo");
  const form parts = form::read(req);
  auto dog = form_data<dog_form>(parts);
  if (!dog) co_return fail(dog.error());
  co_return reply(co_await ctx.dogs.update_dog(me.member_no, dog_no, std::move(*dog), parts.files("image")),
                  "{} 정보가 수정되었습니다 :)");
}

// PATCH /mypage/dogs/image/{dogNo} multipart multipartFile: 200; 400; 401; 415 without a file.
asio::awaitable<http::response> replace_image(context ctx, http::request req, member::member_record me) {
  const auto dog_no = req.path_int("dogNo");
  const form parts = form::read(req);
  co_return reply(co_await ctx.dogs.replace_image(me.member_no, dog_no, parts.files("multipartFile")),
                  "{} 정보가 수정되었습니다 :)");
}

// DELETE /mypage/dogs/{dogNo}: 200; 400 (no such dog, not the owner); 401.
asio::awaitable<http::response> delete_dog(context ctx, http::request req, member::member_record me) {
  co_return reply(co_await ctx.dogs.delete_dog(me.member_no, req.path_int("dogNo")), "{}정보가 삭제되었습니다 :)");
}

// DELETE /mypage/dogs/image/{dogNo}: 200; 400 (no such dog, not the owner); 401.
asio::awaitable<http::response> delete_image(context ctx, http::request req, member::member_record me) {
  co_return reply(co_await ctx.dogs.delete_image(me.member_no, req.path_int("dogNo")), "{}이미지가 삭제되었습니다 :)");
}

}  // namespace

void register_routes(http::router& routes, member::service& members, service& dogs) {
  using http::verb;
  const context ctx{members, dogs};
  auto signed_in = [ctx](auto handler) { return member::bind_signed_in(ctx, handler); };
  routes.add(verb::get, "/mypage/info", signed_in(info));
  routes.add(verb::patch, "/mypage/nick", signed_in(change_nick));
  routes.add(verb::post, "/mypage/dogs", signed_in(add_dog));
  routes.add(verb::patch, "/mypage/dogs/{dogNo}", signed_in(update_dog));
  routes.add(verb::patch, "/mypage/dogs/image/{dogNo}", signed_in(replace_image));
  routes.add(verb::delete_, "/mypage/dogs/{dogNo}", signed_in(delete_dog));
  routes.add(verb::delete_, "/mypage/dogs/image/{dogNo}", signed_in(delete_image));
}

}  // namespace daengtionary::mypage
