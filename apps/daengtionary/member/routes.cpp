// /member/*: duplicate checks, sign-up, email and Kakao login.
#include "apps/daengtionary/routes.hpp"

#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "apps/daengtionary/common/envelope.hpp"
#include "apps/daengtionary/member/service.hpp"
#include "platform/json/binding.hpp"
#include "platform/json/request_body.hpp"

namespace daengtionary::member {
namespace {

namespace http = platform::http;
using platform::json::text_field;

struct context {
  service& members;
};

// The three headers the frontend reads after any login (contract §1.4).
http::response with_tokens(http::response res, const session_tokens& tokens) {
  res.set("Authorization", "Bearer " + tokens.access_token);
  res.set("Refresh-Token", tokens.refresh_token);
  res.set("Access-Token-Expire-Time", "3600000");
  return res;
}

// GET /member/checkemail?email=: 200 when free; 400 DUPLICATE_EMAIL.
asio::awaitable<http::response> check_email(context ctx, http::request req) {
  const bool available = co_await ctx.members.email_available(std::string(req.required_query("email")));
  co_return available ? ok("사용 가능한 email 입니다.") : fail(errc::duplicate_email);
}

// GET /member/checknick?nick=: 200 when free; 400 DUPLICATE_NICK.
asio::awaitable<http::response> check_nick(context ctx, http::request req) {
  const bool available = co_await ctx.members.nick_available(std::string(req.required_query("nick")));
  co_return available ? ok("사용 가능한 닉네임 입니다.") : fail(errc::duplicate_nick);
}

// POST /member/signup {email,password,nick,role,adminCode}: 200; 400 BAD_REQUEST, DUPLICATE_*, WRONG_ADMINCODE.
asio::awaitable<http::response> sign_up(context ctx, http::request req) {
  const auto body = platform::json::read_object(req.body());
  signup_form form{text_field(body, "email").value_or(""), text_field(body, "password").value_or(""),
                   text_field(body, "nick").value_or(""), text_field(body, "role").value_or(""),
                   text_field(body, "adminCode").value_or("")};
  auto created = co_await ctx.members.sign_up(std::move(form));
  if (!created) co_return fail(created.error());
  co_return ok(fmt::format("{}님 가입을 축하힙니다 :)", created->nick));  // sic: the original's typo
}

// POST /member/login {email,password}: 200 with token headers; 400 WRONG_EMAIL, WRONG_PASSWORD.
asio::awaitable<http::response> log_in(context ctx, http::request req) {
  const auto body = platform::json::read_object(req.body());
  auto tokens =
      co_await ctx.members.log_in(text_field(body, "email").value_or(""), text_field(body, "password").value_or(""));
  if (!tokens) co_return fail(tokens.error());
  const member_record& member = tokens->member;
  boost::json::object data{
      {"memberNo", member.member_no}, {"role", member.role}, {"email", member.email}, {"nick", member.nick}};
  co_return with_tokens(ok(data, fmt::format("{}님 반갑습니다 :)", member.nick)), *tokens);
}

// GET /member/kakao?code=: 200 with token headers; 401 when Kakao refuses the code; 502 when Kakao is
// unreachable; 503 when Kakao login is not configured.
asio::awaitable<http::response> log_in_with_kakao(context ctx, http::request req) {
  const std::string code(req.required_query("code"));
  if (!ctx.members.kakao_enabled()) {
    throw http::client_error(http::status::service_unavailable, "Kakao login is not configured");
  }
  try {
    auto tokens = co_await ctx.members.log_in_with_kakao(code);
    if (!tokens) co_return fail(tokens.error());
    const member_record& member = tokens->member;
    boost::json::object data{{"memberNo", member.member_no}, {"email", member.email}, {"nick", member.nick}};
    co_return with_tokens(ok(data, fmt::format("{}님 반갑습니다 :)", member.nick)), *tokens);
  } catch (const kakao_unavailable&) {
    throw http::client_error(http::status::bad_gateway, "Kakao login is unavailable, try again later");
  }
}

}  // namespace

void register_routes(http::router& routes, service& members) {
  using http::verb;
  auto anyone = [ctx = context{members}](auto handler) { return http::bind_context(ctx, handler); };
  routes.add(verb::get, "/member/checkemail", anyone(check_email));
  routes.add(verb::get, "/member/checknick", anyone(check_nick));
  routes.add(verb::post, "/member/signup", anyone(sign_up));
  routes.add(verb::post, "/member/login", anyone(log_in));
  routes.add(verb::get, "/member/kakao", anyone(log_in_with_kakao));
}

}  // namespace daengtionary::member
