// Members as the Bbodok frontend signs in (contract §1, §2 rows 2, 3, 5-7, §5): Kakao sign-in against a stand-in,
// dev sign-in, refresh-token rotation (never 401), the caller's profile, web-push clients, and bad input.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';

import {
  accessToken, addMember, assertBadRequest, assertCreated, assertDeleted, assertFailure, assertSuccess, assertUnauthenticated, call,
  signJwt,
} from '../lib/bbodok.mjs';
import { startKakaoStub } from '../lib/kakao_stub.mjs';
import { kakaoEnv, serverSuite, startServer } from '../lib/server.mjs';

const REDIRECT_URI = 'https://www.bbodogstudy.com/kakao_redirect';
let kakao;
const { test } = serverSuite(async () => {
  kakao = await startKakaoStub();
  return {
    app: 'bbodok',
    env: { ...kakaoEnv(kakao, { app: 'bbodok', clientId: 'bbodok-rest-key', redirectUri: REDIRECT_URI }), BBODOK_MEMBER_DEV_LOGIN: 'true' },
  };
});
after(async () => kakao?.close());

// The frontend's login call: absolute URL, `Authorization: Bearer undefined`, {authCode}.
const logIn = (server, code) =>
  call(server, 'POST', '/api/v1/members/login', { json: { authCode: code }, headers: { authorization: 'Bearer undefined' } });
const devLogIn = (server, json) => call(server, 'POST', '/api/v1/members/dev-login', { json });
const refresh = (server, token) =>
  call(server, 'POST', '/api/v1/members/tokens', { headers: token === undefined ? {} : { 'x-bbodok-refresh-token': token } });

function kakaoUser(id, nickname, { email = null, image = `https://k.kakaocdn.net/${id}.jpg` } = {}) {
  kakao.reset();
  kakao.token = { status: 200, body: { access_token: `kat-${id}`, token_type: 'bearer', expires_in: 21599 } };
  kakao.user = {
    status: 200,
    body: { id, kakao_account: { ...(email ? { email } : {}), profile: { nickname, profile_image_url: image } } },
  };
}

test('Kakao sign-in makes the member once, then finds it; tokens in the envelope', async (server) => {
  kakaoUser(9001, '김뽀독', { email: 'bbo@example.com' });
  const first = assertSuccess(await logIn(server, 'code-1'));
  assert.deepEqual(Object.keys(first).sort(), ['accessToken', 'refreshToken']);
  const token = kakao.tokenRequests()[0];
  assert.equal(token.form.grant_type ?? new URLSearchParams(token.query).get('grant_type'), 'authorization_code');
  const me = assertSuccess(await call(server, 'GET', '/api/v1/members', { token: first.accessToken }));
  assert.deepEqual(me, { memberId: me.memberId, name: '김뽀독', profile: 'https://k.kakaocdn.net/9001.jpg', email: 'bbo@example.com', duration: null });

  kakaoUser(9001, '김뽀독');
  const second = assertSuccess(await logIn(server, 'code-2'));
  const again = assertSuccess(await call(server, 'GET', '/api/v1/members/1', { token: second.accessToken }));
  assert.equal(again.memberId, me.memberId);
});

test('Kakao refusing the code is a 400 envelope and Kakao down a 502, never Kakao text or 500', async (server) => {
  kakao.token = { status: 400, body: { error: 'invalid_grant', error_description: 'authorization code not found for code=bad' } };
  const refused = await logIn(server, 'bad');
  assertFailure(refused, 400);
  assert.doesNotMatch(refused.text, /invalid_grant|authorization code/);
  kakao.token = { drop: true };
  assertFailure(await logIn(server, 'any'), 502);
  kakao.reset();
  for (const json of [{}, { authCode: '' }, { authCode: ' ' }, { authCode: ['x'] }, { authCode: 'c'.repeat(100_000) }, { authCode: 'a\u0000b' }, 'not json', null]) {
    assertBadRequest(await call(server, 'POST', '/api/v1/members/login', { json }));
  }
  assert.equal(kakao.requests.length, 0, 'a bad code is refused before Kakao is asked');
});

test('Kakao user info no member could hold (NUL, controls) is a 502, nothing stored', async (server) => {
  const before = server.scalar('SELECT COUNT(*) FROM member');
  for (const account of [{ profile: { nickname: '김\u0000뽀독' } }, { email: 'a\u0001@example.com', profile: { nickname: '김뽀독' } }]) {
    kakaoUser(9200, '김뽀독');
    kakao.user = { status: 200, body: { id: 9200, kakao_account: account } };
    assertFailure(await logIn(server, 'code'), 502);
  }
  assert.equal(server.scalar('SELECT COUNT(*) FROM member'), before);
});

test('dev sign-in answers as login does and makes a new member each call', async (server) => {
  const a = assertSuccess(await devLogIn(server, { nickname: '개발자', profile: 'https://example.com/p.png', email: 'dev@example.com' }));
  const b = assertSuccess(await devLogIn(server, { nickname: '개발자' }));
  const meA = assertSuccess(await call(server, 'GET', '/api/v1/members', { token: a.accessToken }));
  const meB = assertSuccess(await call(server, 'GET', '/api/v1/members', { token: b.accessToken }));
  assert.notEqual(meA.memberId, meB.memberId);
  assert.deepEqual(meA, { memberId: meA.memberId, name: '개발자', profile: 'https://example.com/p.png', email: 'dev@example.com', duration: null });
  assert.equal(meB.profile, null);
  // The path's group id was never read: any segment answers the caller's profile.
  assert.deepEqual(assertSuccess(await call(server, 'GET', '/api/v1/members/abc', { token: a.accessToken })), meA);
  // A junk Authorization header on this public route is ignored, as on login.
  const junk = await call(server, 'POST', '/api/v1/members/dev-login', { json: { nickname: '개발자' }, headers: { authorization: 'Bearer undefined' } });
  assertSuccess(junk);
  const before = server.scalar('SELECT COUNT(*) FROM member');
  for (const json of [{}, { nickname: '' }, { nickname: '   ' }, { nickname: 'x'.repeat(51) }, { nickname: ['a'] }, { nickname: 'a', email: 'e'.repeat(400) }, { nickname: 'a\u0000b' }]) {
    const res = await devLogIn(server, json);
    assert.equal(res.status, 400, JSON.stringify(json));
  }
  assert.equal(server.scalar('SELECT COUNT(*) FROM member'), before);
});

test('refresh rotates: the returned pair works, the superseded token is 400, never 401', async (server) => {
  const signedIn = assertSuccess(await devLogIn(server, { nickname: '갱신' }));
  const res = await refresh(server, signedIn.refreshToken);
  const rotated = assertSuccess(res, 201);
  assertSuccess(await call(server, 'GET', '/api/v1/members', { token: rotated.accessToken }));
  const stale = await refresh(server, signedIn.refreshToken);
  assertFailure(stale, 400, '로그인이 필요해요.', 'INVALID REFRESH TOKEN');
  assertSuccess(await refresh(server, rotated.refreshToken), 201);
  for (const junk of ['junk', signedIn.accessToken, '']) {
    const r = await refresh(server, junk);
    assert.equal(r.status, 400, junk);
  }
  assertBadRequest(await refresh(server, undefined));
  // A junk Authorization header on this public route changes nothing.
  const withJunk = await call(server, 'POST', '/api/v1/members/tokens', { headers: { authorization: 'Bearer junk', 'x-bbodok-refresh-token': 'junk' } });
  assertFailure(withJunk, 400, '로그인이 필요해요.', 'INVALID REFRESH TOKEN');
});

test('two refreshes with one token at once: one gets a pair, the other a 400', async (server) => {
  const signedIn = assertSuccess(await devLogIn(server, { nickname: '동시' }));
  const [a, b] = await Promise.all([refresh(server, signedIn.refreshToken), refresh(server, signedIn.refreshToken)]);
  assert.deepEqual([a.status, b.status].sort(), [201, 400]);
});

test('a refresh token is not an access token; junk, expired and foreign tokens are 401 on protected routes', async (server) => {
  const signedIn = assertSuccess(await devLogIn(server, { nickname: '토큰' }));
  const me = assertSuccess(await call(server, 'GET', '/api/v1/members', { token: signedIn.accessToken }));
  assertUnauthenticated(await call(server, 'GET', '/api/v1/members', { token: signedIn.refreshToken }));
  assertUnauthenticated(await call(server, 'GET', '/api/v1/members', { token: accessToken(server, me.memberId, -10) }));
  assertUnauthenticated(await call(server, 'GET', '/api/v1/members', { token: 'junk' }));
  assertUnauthenticated(await call(server, 'GET', '/api/v1/members'));
  // A token of exactly the original's shape, minted with the same key, is accepted.
  const now = Math.floor(Date.now() / 1000);
  assertSuccess(await call(server, 'GET', '/api/v1/members', { token: signJwt(server, { memberId: me.memberId, iat: now, exp: now + 60 }) }));
  assertUnauthenticated(await call(server, 'GET', '/api/v1/members', { token: signJwt(server, { memberId: String(me.memberId), iat: now, exp: now + 60 }) }));
});

test('a withdrawn member is refused everywhere, refresh included', async (server) => {
  const signedIn = assertSuccess(await devLogIn(server, { nickname: '탈퇴' }));
  const me = assertSuccess(await call(server, 'GET', '/api/v1/members', { token: signedIn.accessToken }));
  assertDeleted(await call(server, 'DELETE', '/api/v1/members', { token: signedIn.accessToken }));
  assert.equal(server.scalar(`SELECT status FROM member WHERE member_id = ${me.memberId}`), 'WITHDRAWN');
  assertUnauthenticated(await call(server, 'GET', '/api/v1/members', { token: signedIn.accessToken }));
  assertUnauthenticated(await call(server, 'POST', '/api/v1/clients', { token: signedIn.accessToken, json: { fcmToken: 'x' } }));
  assertFailure(await refresh(server, signedIn.refreshToken), 400, '로그인이 필요해요.', 'INVALID REFRESH TOKEN');
});

test('POST /api/v1/clients keeps one token per member, updated in place, 201 each time', async (server) => {
  const member = addMember(server);
  const first = assertCreated(await call(server, 'POST', '/api/v1/clients', { token: member.token, json: { fcmToken: 'fcm-1' } }));
  assert.deepEqual(first, { id: first.id, memberId: member.memberId, fcmToken: 'fcm-1' });
  const second = assertCreated(await call(server, 'POST', '/api/v1/clients', { token: member.token, json: { fcmToken: 'fcm-2' } }));
  assert.deepEqual(second, { id: first.id, memberId: member.memberId, fcmToken: 'fcm-2' });
  for (const json of [{}, { fcmToken: '' }, { fcmToken: ' ' }, { fcmToken: 'x'.repeat(1001) }, { fcmToken: { a: 1 } }, { fcmToken: 'a\u0000' }]) {
    const res = await call(server, 'POST', '/api/v1/clients', { token: member.token, json });
    assert.equal(res.status, 400, JSON.stringify(json));
  }
  assert.equal(server.scalar(`SELECT fcm_token FROM client WHERE member_id = ${member.memberId}`), 'fcm-2');
  assertUnauthenticated(await call(server, 'POST', '/api/v1/clients', { json: { fcmToken: 'x' } }));
});

test('without configuration dev sign-in is 404 and Kakao sign-in 503', async () => {
  const bare = await startServer({ app: 'bbodok' });
  try {
    // Off, dev sign-in answers exactly as a path the server does not know, whatever the body.
    const unknown = await call(bare, 'POST', '/api/v1/no-such-path', { json: { nickname: '누구' } });
    assertFailure(unknown, 404);
    for (const json of [{ nickname: '누구' }, 'not json', { nickname: ['x'] }]) {
      const off = await devLogIn(bare, json);
      assert.equal(off.status, 404);
      assert.equal(off.text, unknown.text);
    }
    assertFailure(await logIn(bare, 'code'), 503);
    assert.equal(bare.scalar('SELECT COUNT(*) FROM member'), '0');
  } finally {
    await bare.dispose();
  }
});

test.stops();
