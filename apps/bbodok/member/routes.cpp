// Member routes: read the request, call the member service, answer in the envelope.
#include "apps/bbodok/member/routes.hpp"

#include <boost/json/object.hpp>

#include "apps/bbodok/common/envelope.hpp"
#include "apps/bbodok/member/service.hpp"
#include "apps/bbodok/member/signed_in.hpp"
#include "apps/bbodok/member/validation.hpp"
#include "platform/json/binding.hpp"
#include "platform/json/request_body.hpp"

namespace bbodok::member {
namespace {

namespace http = platform::http;
using boost::json::value;
using platform::json::text_field;

struct context {
  service& members;
};

value optional_text(const std::optional<std::string>& text) { return text ? value(*text) : value(nullptr); }

value tokens_json(const token_pair& tokens) {
  return boost::json::object{{"accessToken", tokens.access_token}, {"refreshToken", tokens.refresh_token}};
}

// A text field of the body; a field of the wrong type is a bad request, as Jackson's was.
result<std::optional<std::string>> text_of(const boost::json::object& body, std::string_view key) {
  bool wrong_type = false;
  auto text = text_field(body, key, &wrong_type);
  if (wrong_type) return bad_request();
  return text;
}

// POST /api/v1/members/login {authCode}: 200 Token; 400 for a missing, blank or huge code and when Kakao refuses
// it, 502 when Kakao is down or answers what no member could hold, 503 when Kakao is not configured
asio::awaitable<http::response> log_in(context ctx, http::request req) {
  const auto body = platform::json::read_object(req.body());
  auto code = text_of(body, "authCode");
  if (!code || !*code || !is_valid_auth_code(**code)) co_return fail(bad_request());
  auto tokens = co_await ctx.members.log_in_with_kakao(std::move(**code));
  if (!tokens) co_return fail(tokens.error());
  co_return success(tokens_json(*tokens));
}

// Dev sign-in's body; nullopt when a field is of the wrong type or out of bounds.
std::optional<new_member> dev_member_of(std::string_view text) {
  const auto body = platform::json::read_object(text);
  auto nickname = text_of(body, "nickname");
  auto profile = text_of(body, "profile");
  auto email = text_of(body, "email");
  if (!nickname || !profile || !email) return std::nullopt;
  return dev_member(std::move(*nickname), std::move(*profile), std::move(*email));
}

// POST /api/v1/members/dev-login {nickname, profile, email}: 200 Token for a new member; 400 for a bad profile;
// unless member.dev_login is on, the 404 of an unknown path whatever the body
asio::awaitable<http::response> dev_log_in(context ctx, http::request req) {
  std::optional<new_member> profile;
  if (ctx.members.dev_login_enabled()) profile = dev_member_of(req.body());
  auto tokens = co_await ctx.members.dev_log_in(std::move(profile));
  if (!tokens) co_return fail(tokens.error());
  co_return success(tokens_json(*tokens));
}

// POST /api/v1/members/tokens, header X-BBODOK-REFRESH-TOKEN: 201 Token (the stored pair); 400 INVALID REFRESH
// TOKEN for anything but the stored token, 400 fail without the header; never 401 (the frontend's refresh loop)
asio::awaitable<http::response> refresh(context ctx, http::request req) {
  const std::string token(req.header("X-BBODOK-REFRESH-TOKEN"));
  if (token.empty()) co_return fail(bad_request());
  auto tokens = co_await ctx.members.refresh(token);
  if (!tokens) co_return fail(tokens.error());
  co_return success(tokens_json(*tokens), http::status::created);
}

// GET /api/v1/members (and /api/v1/members/{groupId}, whose id the original ignored): 200 MemberResponse; 401
asio::awaitable<http::response> me(context, http::request, member_record member) {
  co_return success(boost::json::object{{"memberId", member.member_id},
                                        {"name", member.name},
                                        {"profile", optional_text(member.profile)},
                                        {"email", optional_text(member.email)},
                                        {"duration", nullptr}});
}

// POST /api/v1/clients {fcmToken}: 201 ClientAddResponse, also when it replaces the member's token; 400 for a
// blank or overlong token; 401
asio::awaitable<http::response> register_client(context ctx, http::request req, member_record member) {
  const auto body = platform::json::read_object(req.body());
  auto token = text_of(body, "fcmToken");
  if (!token || !*token) co_return fail(bad_request());
  auto client = co_await ctx.members.register_client(member.member_id, std::move(**token));
  if (!client) co_return fail(client.error());
  co_return created(
      boost::json::object{{"id", client->client_id}, {"memberId", client->member_id}, {"fcmToken", client->fcm_token}});
}

}  // namespace

void register_routes(http::router& routes, service& members) {
  const context ctx{members};
  routes.add(http::verb::post, "/api/v1/members/login", http::bind_context(ctx, log_in));
  routes.add(http::verb::post, "/api/v1/members/dev-login", http::bind_context(ctx, dev_log_in));
  routes.add(http::verb::post, "/api/v1/members/tokens", http::bind_context(ctx, refresh));
  routes.add(http::verb::get, "/api/v1/members", bind_signed_in(ctx, me));
  routes.add(http::verb::get, "/api/v1/members/{groupId}", bind_signed_in(ctx, me));
  routes.add(http::verb::post, "/api/v1/clients", bind_signed_in(ctx, register_client));
}

}  // namespace bbodok::member
