// GET /member/kakao?code=: the authorization-code flow against a Kakao stand-in whose answers each test
// sets: the exact token request, new members, placeholder emails, nick suffixes, account linking,
// and how Kakao's refusals and outages surface.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { kakaoEnv, serverSuite } from '../lib/server.mjs';
import { startKakaoStub } from '../lib/kakao_stub.mjs';
import { ERR, assertError, assertFrameworkError, call, decodeJwt, hs256, info, login, newMember, nowSeconds } from '../lib/api.mjs';

const CLIENT_ID = 'e2e-kakao-rest-key';
const REDIRECT_URI = 'https://daengtionary.site/kakao/callback';
let kakao;
const { test } = serverSuite(async () => {
  kakao = await startKakaoStub();
  return { env: kakaoEnv(kakao, { clientId: CLIENT_ID, redirectUri: REDIRECT_URI }) };
});
after(async () => kakao?.close());

let nextId = 4_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1000; // above 2^31, as real Kakao ids are
const kakaoId = () => ++nextId;

// Sets the stub to accept `code` and answer `user`.
function kakaoAnswers(user, { accessToken = `kat-${Math.random().toString(36).slice(2)}` } = {}) {
  kakao.reset();
  kakao.token = { status: 200, body: { access_token: accessToken, token_type: 'bearer', expires_in: 21599, refresh_token: 'krt', scope: 'profile' } };
  kakao.user = { status: 200, body: user };
  return accessToken;
}

function kakaoUser(id, { nickname, email, verified } = {}) {
  const user = { id, connected_at: '2022-10-05T06:12:45Z', properties: {}, kakao_account: {} };
  if (nickname !== undefined) {
    user.properties.nickname = nickname;
    user.kakao_account.profile = { nickname };
  }
  if (email !== undefined) {
    user.kakao_account.email = email;
    user.kakao_account.has_email = true;
    if (verified !== undefined) user.kakao_account.is_email_verified = verified;
  }
  return user;
}

async function kakaoLogin(server, code = 'code-' + Math.random().toString(36).slice(2)) {
  return call(server, 'GET', `/member/kakao?code=${encodeURIComponent(code)}`);
}

function assertKakaoSuccess(res, { email, nick }) {
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.body).sort(), ['data', 'message', 'state']);
  assert.equal(res.body.state, 200);
  assert.deepEqual(Object.keys(res.body.data).sort(), ['email', 'memberNo', 'nick'], 'no role, no kakao id');
  assert.equal(res.body.data.email, email);
  assert.equal(res.body.data.nick, nick);
  assert.equal(res.body.message, `${nick}님 반갑습니다 :)`);
  assert.equal(res.headers.get('access-token-expire-time'), '3600000');
  assert.ok(res.headers.get('refresh-token'));
  const token = res.headers.get('authorization').split(' ')[1];
  const jwt = decodeJwt(token);
  assert.deepEqual(Object.keys(jwt.payload).sort(), ['auth', 'exp', 'sub']);
  assert.equal(jwt.payload.sub, email);
  assert.equal(jwt.payload.auth, 'USER');
  assert.ok(Math.abs(jwt.payload.exp - (nowSeconds() + 3600)) <= 5);
  return token;
}

test('first Kakao login sends the exact token and user-info requests and creates a USER member', async (server) => {
  const id = kakaoId();
  const accessToken = kakaoAnswers(kakaoUser(id, { nickname: '홍길동', email: 'Hong.GilDong@Kakao.com', verified: true }));
  const res = await kakaoLogin(server, 'the-code-1');
  const token = assertKakaoSuccess(res, { email: 'hong.gildong@kakao.com', nick: '홍길동' });

  const tokenCalls = kakao.tokenRequests();
  assert.equal(tokenCalls.length, 1);
  assert.equal(tokenCalls[0].method, 'POST');
  assert.match(tokenCalls[0].headers['content-type'], /^application\/x-www-form-urlencoded;\s*charset=utf-8$/i);
  assert.deepEqual(tokenCalls[0].form, { grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code: 'the-code-1' });
  const userCalls = kakao.userRequests();
  assert.equal(userCalls.length, 1);
  assert.equal(userCalls[0].headers.authorization, `Bearer ${accessToken}`);

  const me = await info(server, token);
  assert.equal(me.memberNo, res.body.data.memberNo);
  assert.equal(me.email, 'hong.gildong@kakao.com');
  assert.equal(me.nick, '홍길동');
  assert.deepEqual(me.dogs, []);
});

test('a second login with the same Kakao id returns the same member, even if Kakao now says another nickname or email', async (server) => {
  const id = kakaoId();
  kakaoAnswers(kakaoUser(id, { nickname: '두번째', email: `again${id}@kakao.com`, verified: true }));
  const first = await kakaoLogin(server);
  assertKakaoSuccess(first, { email: `again${id}@kakao.com`, nick: '두번째' });

  kakaoAnswers(kakaoUser(id, { nickname: '바뀐이름', email: `changed${id}@kakao.com`, verified: true }));
  const second = await kakaoLogin(server);
  assertKakaoSuccess(second, { email: `again${id}@kakao.com`, nick: '두번째' });
  assert.equal(second.body.data.memberNo, first.body.data.memberNo);
  // A different code each time reaches Kakao as such.
  assert.notEqual(kakao.tokenRequests()[0].form.code, '');
});

test('a Kakao user without an email gets kakao-<id>@users.daengtionary.invalid', async (server) => {
  const id = kakaoId();
  kakaoAnswers(kakaoUser(id, { nickname: '무메일' }));
  const res = await kakaoLogin(server);
  const token = assertKakaoSuccess(res, { email: `kakao-${id}@users.daengtionary.invalid`, nick: '무메일' });
  assert.equal((await info(server, token)).email, `kakao-${id}@users.daengtionary.invalid`);

  // An empty email string counts as no email.
  const id2 = kakaoId();
  kakaoAnswers(kakaoUser(id2, { nickname: '빈메일', email: '', verified: false }));
  assertKakaoSuccess(await kakaoLogin(server), { email: `kakao-${id2}@users.daengtionary.invalid`, nick: '빈메일' });
});

test('a taken nickname gets a numeric suffix, for Kakao and local nicks alike', async (server) => {
  const base = `멍${String(nextId).slice(-4)}`;
  const first = kakaoId();
  kakaoAnswers(kakaoUser(first, { nickname: base }));
  const a = await kakaoLogin(server);
  assertKakaoSuccess(a, { email: `kakao-${first}@users.daengtionary.invalid`, nick: base });

  const second = kakaoId();
  kakaoAnswers(kakaoUser(second, { nickname: base }));
  const b = await kakaoLogin(server);
  assertKakaoSuccess(b, { email: `kakao-${second}@users.daengtionary.invalid`, nick: `${base}2` });
  assert.notEqual(b.body.data.memberNo, a.body.data.memberNo);

  const third = kakaoId();
  kakaoAnswers(kakaoUser(third, { nickname: base }));
  assertKakaoSuccess(await kakaoLogin(server), { email: `kakao-${third}@users.daengtionary.invalid`, nick: `${base}3` });

  // A local member's nick is taken too.
  const local = await newMember(server);
  const fourth = kakaoId();
  kakaoAnswers(kakaoUser(fourth, { nickname: local.nick }));
  assertKakaoSuccess(await kakaoLogin(server), { email: `kakao-${fourth}@users.daengtionary.invalid`, nick: `${local.nick}2` });
});

test('an email of a local account is linked only when Kakao says is_email_verified: true', async (server) => {
  const local = await newMember(server);
  const before = await info(server, local.token);

  for (const verified of [false, undefined]) {
    const id = kakaoId();
    kakaoAnswers(kakaoUser(id, { nickname: '가로채기', email: local.email.toUpperCase(), verified }));
    assertError(await kakaoLogin(server), ERR.DUPLICATE_EMAIL);
    assert.deepEqual(await info(server, local.token), before, 'the local account is unchanged');
  }

  const id = kakaoId();
  kakaoAnswers(kakaoUser(id, { nickname: '카카오닉', email: local.email, verified: true }));
  const linked = await kakaoLogin(server);
  assertKakaoSuccess(linked, { email: local.email, nick: local.nick });
  assert.equal(linked.body.data.memberNo, local.memberNo);
  // Both ways in lead to the same member.
  assert.equal((await login(server, local.email, local.password)).body.data.memberNo, local.memberNo);
  kakaoAnswers(kakaoUser(id, { nickname: '카카오닉', email: local.email, verified: true }));
  assert.equal((await kakaoLogin(server)).body.data.memberNo, local.memberNo);

  // Another Kakao account with the same (verified) email cannot take the linked account over.
  const intruder = kakaoId();
  kakaoAnswers(kakaoUser(intruder, { nickname: '침입자', email: local.email, verified: true }));
  assertError(await kakaoLogin(server), ERR.DUPLICATE_EMAIL);
  const after = await info(server, local.token);
  assert.deepEqual({ ...after, modifiedAt: '' }, { ...before, modifiedAt: '' });
});

test('Kakao refusing the code (token 400/401, user-info 401) is 401 INVAILID_TOKEN and creates nobody', async (server) => {
  const id = kakaoId();
  const cases = [
    ['token 400 invalid_grant', { status: 400, body: { error: 'invalid_grant', error_description: 'authorization code not found', error_code: 'KOE320' } }, undefined],
    ['token 401 invalid_client', { status: 401, body: { error: 'invalid_client', error_code: 'KOE010' } }, undefined],
    ['user-info 401', undefined, { status: 401, body: { msg: 'this access token does not exist', code: -401 } }],
  ];
  for (const [what, token, user] of cases) {
    kakaoAnswers(kakaoUser(id, { nickname: '거절', email: `refused${id}@kakao.com`, verified: true }));
    if (token) kakao.token = token;
    if (user) kakao.user = user;
    const res = await kakaoLogin(server);
    assert.equal(res.status, 401, `${what}: ${res.text}`);
    assertError(res, ERR.INVAILID_TOKEN);
    assert.equal(res.headers.get('authorization'), null);
  }
  // Nobody was created: the email is still free.
  assert.equal((await call(server, 'GET', `/member/checkemail?email=refused${id}@kakao.com`)).status, 200);
});

test('an empty code is refused without calling Kakao; a missing code is a framework 400', async (server) => {
  kakao.reset();
  assertError(await call(server, 'GET', '/member/kakao?code='), ERR.INVAILID_TOKEN);
  assertError(await call(server, 'GET', '/member/kakao?code'), ERR.INVAILID_TOKEN);
  assert.equal(kakao.requests.length, 0);
  assertFrameworkError(await call(server, 'GET', '/member/kakao'), 400, '/member/kakao', /code/);
  assert.equal(kakao.requests.length, 0);
});

test('Kakao unreachable or failing (5xx, cut connection, no access_token, bad user-info) is a framework 502 and creates nobody', async (server) => {
  const id = kakaoId();
  const cases = [
    ['token 500', { status: 500, body: { msg: 'internal' } }, undefined],
    ['token 503', { status: 503, body: 'Service Unavailable' }, undefined],
    ['token connection cut', { drop: true }, undefined],
    ['token without access_token', { status: 200, body: { token_type: 'bearer' } }, undefined],
    ['token not JSON', { status: 200, body: '<html>oops</html>' }, undefined],
    ['user-info 500', undefined, { status: 500, body: { msg: 'internal' } }],
    ['user-info connection cut', undefined, { drop: true }],
    ['user-info without id', undefined, { status: 200, body: { properties: { nickname: '아이디없음' } } }],
  ];
  for (const [what, token, user] of cases) {
    kakaoAnswers(kakaoUser(id, { nickname: '장애', email: `outage${id}@kakao.com`, verified: true }));
    if (token) kakao.token = token;
    if (user) kakao.user = user;
    const res = await kakaoLogin(server);
    assert.equal(res.status, 502, `${what}: ${res.text}`);
    assertFrameworkError(res, 502, '/member/kakao');
  }
  assert.equal((await call(server, 'GET', `/member/checkemail?email=outage${id}@kakao.com`)).status, 200);
  // Kakao back: the same user now gets in.
  kakaoAnswers(kakaoUser(id, { nickname: '장애', email: `outage${id}@kakao.com`, verified: true }));
  assertKakaoSuccess(await kakaoLogin(server), { email: `outage${id}@kakao.com`, nick: '장애' });
});

test('Kakao login tokens are signed with the configured secret and work on /mypage', async (server) => {
  const id = kakaoId();
  kakaoAnswers(kakaoUser(id, { nickname: '토큰', email: `tok${id}@kakao.com`, verified: true }));
  const res = await kakaoLogin(server);
  const token = assertKakaoSuccess(res, { email: `tok${id}@kakao.com`, nick: '토큰' });
  const jwt = decodeJwt(token);
  assert.equal(jwt.signature, hs256(server.secret, jwt.signingInput));
  const nick = await call(server, 'PATCH', '/mypage/nick', { token, json: { nick: `kk${String(id).slice(-6)}` } });
  assert.equal(nick.status, 200, nick.text);
  assert.equal((await info(server, token)).nick, `kk${String(id).slice(-6)}`);
});

test.stops();
