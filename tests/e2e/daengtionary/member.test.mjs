// /member/*: duplicate checks, sign-up validation, login and its tokens, CORS, and what counts as a
// valid access token on /mypage/info. Kakao is not configured on this server (503).
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import {
  ERR,
  PASSWORD,
  assertError,
  assertFrameworkError,
  assertOkMessage,
  call,
  decodeJwt,
  hs256,
  login,
  newMember,
  nowSeconds,
  signJwt,
  signup,
  uniqueEmail,
  uniqueNick,
} from '../lib/api.mjs';

const ADMIN_CODE = 'e2e-admin-code-42';
const { test } = serverSuite({ env: { DAENGTIONARY_MEMBER_ADMIN_CODE: ADMIN_CODE } });

const EMAIL_FREE = '사용 가능한 email 입니다.';
const NICK_FREE = '사용 가능한 닉네임 입니다.';

async function emailFree(server, email) {
  const res = await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(email)}`);
  return res.status === 200;
}

// ---- duplicate checks ----------------------------------------------------------------------------

test('checkemail and checknick answer 200 for free values and 400 DUPLICATE_* for taken ones', async (server) => {
  const email = uniqueEmail();
  const nick = uniqueNick();
  assertOkMessage(await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(email)}`), EMAIL_FREE);
  assertOkMessage(await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(nick)}`), NICK_FREE);

  const { res } = await signup(server, { email, nick });
  assertOkMessage(res, `${nick}님 가입을 축하힙니다 :)`);

  assertError(await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(email)}`), ERR.DUPLICATE_EMAIL);
  assertError(await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(nick)}`), ERR.DUPLICATE_NICK);
  // Emails are compared case-insensitively (they are stored lower-cased).
  assertError(await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(email.toUpperCase())}`), ERR.DUPLICATE_EMAIL);
});

test('checkemail and checknick without their parameter are framework 400s', async (server) => {
  assertFrameworkError(await call(server, 'GET', '/member/checkemail'), 400, '/member/checkemail', /email/);
  assertFrameworkError(await call(server, 'GET', '/member/checknick?email=x'), 400, '/member/checknick', /nick/);
});

test('checknick accepts a Hangul nick sent percent-encoded, as axios sends it', async (server) => {
  const nick = '초코맘' + uniqueNick('').slice(-3);
  assertOkMessage(await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(nick)}`), NICK_FREE);
  await signup(server, { nick });
  assertError(await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(nick)}`), ERR.DUPLICATE_NICK);
});

// ---- sign-up -------------------------------------------------------------------------------------

test('signup answers the typo message with the nick and no data; the member can log in', async (server) => {
  const { form, res } = await signup(server, { nick: '댕댕' + uniqueNick('').slice(-4) });
  assertOkMessage(res, `${form.nick}님 가입을 축하힙니다 :)`);
  assert.equal(res.status, 200);
  assert.equal((await login(server, form.email)).status, 200);
});

test('signup accepts roles USER, BUSINESS, and ADMIN with the configured admin code', async (server) => {
  for (const role of ['USER', 'BUSINESS']) {
    const { form, res } = await signup(server, { role });
    assertOkMessage(res, `${form.nick}님 가입을 축하힙니다 :)`);
    const logged = await login(server, form.email);
    assert.equal(logged.body.data.role, role);
    assert.equal(decodeJwt(logged.headers.get('authorization').split(' ')[1]).payload.auth, role);
  }
  const { form, res } = await signup(server, { role: 'ADMIN', adminCode: ADMIN_CODE });
  assertOkMessage(res, `${form.nick}님 가입을 축하힙니다 :)`);
  assert.equal((await login(server, form.email)).body.data.role, 'ADMIN');
});

test('signup as ADMIN with a wrong or missing admin code is 400 WRONG_ADMINCODE and creates nobody', async (server) => {
  for (const adminCode of ['wrong', '', undefined, ADMIN_CODE.toUpperCase()]) {
    const email = uniqueEmail();
    const { res } = await signup(server, { email, role: 'ADMIN', adminCode });
    assertError(res, ERR.WRONG_ADMIN_CODE);
    assert.ok(await emailFree(server, email), `member ${email} must not exist after a rejected sign-up`);
  }
});

const INVALID_SIGNUPS = [
  ['email without @', { email: 'no-at-sign.example.com' }],
  ['email without domain dot', { email: 'a@localhost' }],
  ['email with two @', { email: 'a@b@example.com' }],
  ['email with a space', { email: 'a b@example.com' }],
  ['empty email', { email: '' }],
  ['missing email', { email: undefined }],
  ['email as an object', { email: { address: 'a@example.com' } }],
  ['password of 7 bytes', { password: 'Abcde1!' }],
  ['password of 73 bytes', { password: 'a'.repeat(73) }],
  ['empty password', { password: '' }],
  ['missing password', { password: undefined }],
  ['nick of 1 character', { nick: 'a' }],
  ['nick of 9 characters', { nick: 'abcdefghi' }],
  ['nick of 9 Hangul syllables', { nick: '가나다라마바사아자' }],
  ['nick with upper case', { nick: 'Abcd' }],
  ['nick with a space', { nick: 'ab cd' }],
  ['nick with punctuation', { nick: 'ab_cd' }],
  ['nick of Hangul jamo', { nick: 'ㄱㄴㄷ' }],
  ['nick with an emoji', { nick: 'dog🐶' }],
  ['empty nick', { nick: '' }],
  ['missing nick', { nick: undefined }],
  ['nick as an array', { nick: ['ab', 'cd'] }],
  ['lower-case role', { role: 'user' }],
  ['unknown role', { role: 'GUEST' }],
  ['empty role', { role: '' }],
  ['missing role', { role: undefined }],
  ['role null', { role: null }],
];

for (const [what, overrides] of INVALID_SIGNUPS) {
  test(`signup with ${what} is 400 NOT_VALIDCONTENT and creates nobody`, async (server) => {
    const email = typeof overrides.email === 'string' && overrides.email.includes('@') ? overrides.email : uniqueEmail();
    const nick = typeof overrides.nick === 'string' && overrides.nick.length > 0 ? overrides.nick : uniqueNick();
    const form = { email, password: PASSWORD, nick, role: 'USER', adminCode: '', ...overrides };
    const res = await call(server, 'POST', '/member/signup', { json: form });
    assertError(res, ERR.NOT_VALIDCONTENT);
    if (typeof form.email === 'string' && form.email) assert.ok(await emailFree(server, form.email), 'email must stay free');
    if (typeof form.nick === 'string' && form.nick) {
      const check = await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(form.nick)}`);
      assert.equal(check.status, 200, 'nick must stay free');
    }
  });
}

test('signup accepts the boundaries: 8 and 72 byte passwords, 2 and 8 character nicks, Hangul nicks', async (server) => {
  for (const overrides of [
    { password: 'abcdefgh' },
    { password: 'x'.repeat(72) },
    { password: '비밀번호' }, // 4 syllables = 12 bytes
    { nick: `${uniqueNick('').slice(-2)}`.padStart(2, 'q') },
    { nick: `z${uniqueNick('')}`.padEnd(8, '0').slice(0, 8) },
    { nick: `가${String(Date.now()).slice(-3)}나다라마`.slice(0, 8) },
    { email: `dots.and-dash+tag${Date.now()}@sub.example.co.kr` },
  ]) {
    const { form, res } = await signup(server, overrides);
    assertOkMessage(res, `${form.nick}님 가입을 축하힙니다 :)`);
    assert.equal((await login(server, form.email, form.password)).status, 200, JSON.stringify(overrides));
  }
});

test('signup lower-cases the email: login and checks work with any case, the token carries the lower-case email', async (server) => {
  const mixed = `MiXeD.${Date.now()}@Example.COM`;
  const { form, res } = await signup(server, { email: mixed });
  assertOkMessage(res, `${form.nick}님 가입을 축하힙니다 :)`);
  const logged = await login(server, mixed.toUpperCase());
  assert.equal(logged.status, 200, logged.text);
  assert.equal(logged.body.data.email, mixed.toLowerCase());
  assert.equal(decodeJwt(logged.headers.get('authorization').split(' ')[1]).payload.sub, mixed.toLowerCase());
  assertError(await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(mixed.toLowerCase())}`), ERR.DUPLICATE_EMAIL);
});

test('signup with a taken email (any case) is 400 DUPLICATE_EMAIL; with a taken nick 400 DUPLICATE_NICK; nothing changes', async (server) => {
  const first = await newMember(server);
  const before = await call(server, 'GET', '/mypage/info', { token: first.token });

  const dupEmail = await signup(server, { email: first.email.toUpperCase() });
  assertError(dupEmail.res, ERR.DUPLICATE_EMAIL);
  const check = await call(server, 'GET', `/member/checknick?nick=${dupEmail.form.nick}`);
  assert.equal(check.status, 200, 'the nick of the rejected sign-up must stay free');

  const dupNick = await signup(server, { nick: first.nick });
  assertError(dupNick.res, ERR.DUPLICATE_NICK);
  assert.ok(await emailFree(server, dupNick.form.email), 'the email of the rejected sign-up must stay free');

  // The first member's password still works (the duplicate did not overwrite anything).
  assert.equal((await login(server, first.email)).status, 200);
  assert.equal((await login(server, first.email, dupEmail.form.password + 'x')).status, 400);
  assert.deepEqual((await call(server, 'GET', '/mypage/info', { token: first.token })).body, before.body);
});

test('two concurrent sign-ups with the same email: exactly one wins, the other is DUPLICATE_EMAIL', async (server) => {
  const email = uniqueEmail('race');
  const results = await Promise.all(
    Array.from({ length: 4 }, () => call(server, 'POST', '/member/signup', { json: { email, password: PASSWORD, nick: uniqueNick(), role: 'USER', adminCode: '' } })),
  );
  assert.equal(results.filter((r) => r.status === 200).length, 1, results.map((r) => r.text).join('\n'));
  for (const r of results.filter((x) => x.status !== 200)) assertError(r, ERR.DUPLICATE_EMAIL);
});

test('signup with an unreadable body is a framework 400', async (server) => {
  for (const body of ['{"email":', 'not json', '', '["a"]', '"text"']) {
    const res = await call(server, 'POST', '/member/signup', { json: body });
    assertFrameworkError(res, 400, '/member/signup');
  }
});

// ---- login ---------------------------------------------------------------------------------------

test('login answers the data and the three token headers; the JWT is HS256 with exactly sub, auth, exp', async (server) => {
  const { form } = await signup(server);
  const before = nowSeconds();
  const res = await login(server, form.email);
  const after = nowSeconds();
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.body).sort(), ['data', 'message', 'state']);
  assert.equal(res.body.state, 200);
  assert.equal(res.body.message, `${form.nick}님 반갑습니다 :)`);
  assert.deepEqual(Object.keys(res.body.data).sort(), ['email', 'memberNo', 'nick', 'role']);
  assert.ok(Number.isInteger(res.body.data.memberNo) && res.body.data.memberNo > 0);
  assert.deepEqual({ ...res.body.data, memberNo: 0 }, { memberNo: 0, role: 'USER', email: form.email, nick: form.nick });

  const authorization = res.headers.get('authorization');
  assert.match(authorization, /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  assert.equal(res.headers.get('access-token-expire-time'), '3600000');
  const token = authorization.split(' ')[1];
  const jwt = decodeJwt(token);
  assert.equal(jwt.header.alg, 'HS256');
  assert.deepEqual(Object.keys(jwt.payload).sort(), ['auth', 'exp', 'sub']);
  assert.equal(jwt.payload.sub, form.email);
  assert.equal(jwt.payload.auth, 'USER');
  assert.ok(Number.isInteger(jwt.payload.exp));
  assert.ok(jwt.payload.exp >= before + 3600 && jwt.payload.exp <= after + 3600, `exp ${jwt.payload.exp} not now+3600`);
  assert.equal(jwt.signature, hs256(server.secret, jwt.signingInput), 'signed with the configured secret');

  const refresh = res.headers.get('refresh-token');
  assert.ok(refresh, 'Refresh-Token header');
  const rjwt = decodeJwt(refresh);
  assert.equal(rjwt.signature, hs256(server.secret, rjwt.signingInput));
  assert.ok(Math.abs(rjwt.payload.exp - (before + 7 * 24 * 3600)) <= 5, 'refresh token lives 7 days');
  assert.equal(rjwt.payload.sub, undefined, 'a refresh token is not an access token');

  // The token works.
  assert.equal((await call(server, 'GET', '/mypage/info', { token })).status, 200);
});

test('login with an unknown email is 400 WRONG_EMAIL and with a wrong password 400 WRONG_PASSWORD, without token headers', async (server) => {
  const { form } = await signup(server);
  for (const [email, password, expected] of [
    [uniqueEmail('nobody'), PASSWORD, ERR.WRONG_EMAIL],
    ['', PASSWORD, ERR.WRONG_EMAIL],
    [form.email, PASSWORD + 'x', ERR.WRONG_PASSWORD],
    [form.email, '', ERR.WRONG_PASSWORD],
    [form.email, PASSWORD.toLowerCase(), ERR.WRONG_PASSWORD],
  ]) {
    const res = await login(server, email, password);
    assertError(res, expected);
    assert.equal(res.headers.get('authorization'), null);
    assert.equal(res.headers.get('refresh-token'), null);
  }
  assertFrameworkError(await call(server, 'POST', '/member/login', { json: 'nope' }), 400, '/member/login');
});

// ---- CORS ----------------------------------------------------------------------------------------

const ORIGIN = 'https://daengtionary.site';

test('CORS preflight answers 200 with the methods, the requested headers and max-age 1800', async (server) => {
  for (const [path, method, headers] of [
    ['/member/login', 'POST', 'content-type'],
    ['/mypage/info', 'GET', 'authorization,refresh-token'],
    ['/mypage/dogs/1', 'PATCH', 'authorization,refresh-token,content-type'],
    ['/mypage/dogs/1', 'DELETE', 'authorization,refresh-token'],
  ]) {
    const res = await call(server, 'OPTIONS', path, {
      headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });
    assert.equal(res.status, 200, `${path}: ${res.text}`);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const methods = res.headers.get('access-control-allow-methods').split(',').map((m) => m.trim());
    for (const m of ['GET', 'POST', 'PATCH', 'DELETE']) assert.ok(methods.includes(m), `allow-methods has ${m}`);
    const allowed = res.headers.get('access-control-allow-headers').toLowerCase().split(',').map((h) => h.trim());
    for (const h of headers.split(',')) assert.ok(allowed.includes(h) || allowed.includes('*'), `allow-headers has ${h}`);
    assert.equal(res.headers.get('access-control-max-age'), '1800');
  }
});

test('CORS: responses to requests with an Origin allow any origin and expose the three token headers', async (server) => {
  const { form } = await signup(server);
  const res = await call(server, 'POST', '/member/login', { json: { email: form.email, password: PASSWORD }, headers: { origin: ORIGIN } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('access-control-expose-headers'), 'Authorization, Refresh-Token, Access-Token-Expire-Time');

  // Errors too, so the browser lets the frontend see the status.
  const bad = await call(server, 'POST', '/member/login', { json: { email: form.email, password: 'wrongwrong' }, headers: { origin: ORIGIN } });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('access-control-allow-origin'), '*');
  const unauthorized = await call(server, 'GET', '/mypage/info', { headers: { origin: ORIGIN } });
  assert.equal(unauthorized.status, 401);
  assert.equal(unauthorized.headers.get('access-control-allow-origin'), '*');
  const missing = await call(server, 'GET', '/nowhere', { headers: { origin: ORIGIN } });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('access-control-allow-origin'), '*');

  // No Origin, no CORS headers.
  const plain = await call(server, 'POST', '/member/login', { json: { email: form.email, password: PASSWORD } });
  assert.equal(plain.headers.get('access-control-allow-origin'), null);
});

// ---- what counts as a token ------------------------------------------------------------------------

test('/mypage/info is 401 INVAILID_TOKEN without a usable token (missing, Bearer null, malformed, tampered, foreign, expired)', async (server) => {
  const member = await newMember(server);
  const other = await newMember(server);
  const [h, p, s] = member.token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...payload, sub: other.email })).toString('base64url');
  const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
  const cases = {
    'no header': {},
    'Bearer null': { authorization: 'Bearer null' },
    'Bearer undefined': { authorization: 'Bearer undefined' },
    'Bearer and nothing': { authorization: 'Bearer ' },
    'raw token without Bearer': { authorization: member.token },
    'Basic scheme': { authorization: `Basic ${member.token}` },
    'garbage': { authorization: 'Bearer not.a.jwt' },
    'tampered signature': { authorization: `Bearer ${h}.${p}.${flipped}` },
    'payload swapped to another member, old signature': { authorization: `Bearer ${h}.${forged}.${s}` },
    'no signature': { authorization: `Bearer ${h}.${p}.` },
    'alg none': { authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.` },
    'signed with another secret': { authorization: `Bearer ${signJwt(Buffer.alloc(48, 7), { sub: member.email, auth: 'USER', exp: nowSeconds() + 600 })}` },
    'expired (same secret)': { authorization: `Bearer ${signJwt(server.secret, { sub: member.email, auth: 'USER', exp: nowSeconds() - 5 })}` },
    'no exp (same secret)': { authorization: `Bearer ${signJwt(server.secret, { sub: member.email, auth: 'USER' })}` },
    'no auth claim (same secret)': { authorization: `Bearer ${signJwt(server.secret, { sub: member.email, exp: nowSeconds() + 600 })}` },
    'unknown member (same secret)': { authorization: `Bearer ${signJwt(server.secret, { sub: 'ghost@example.com', auth: 'USER', exp: nowSeconds() + 600 })}` },
    'the refresh token': { authorization: `Bearer ${member.refreshToken}` },
  };
  for (const [what, headers] of Object.entries(cases)) {
    const res = await call(server, 'GET', '/mypage/info', { headers: { ...headers, 'refresh-token': member.refreshToken } });
    assert.equal(res.status, 401, `${what}: ${res.text}`);
    assertError(res, ERR.INVAILID_TOKEN);
  }
});

test('a token signed by hand with the same secret and a future exp is accepted (so the 401s above are about the token)', async (server) => {
  const member = await newMember(server);
  const token = signJwt(server.secret, { sub: member.email, auth: 'USER', exp: nowSeconds() + 120 });
  const res = await call(server, 'GET', '/mypage/info', { token });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.data.email, member.email);
  // Header name and scheme are case-insensitive (api_auth sends lower-case `authorization`).
  const lower = await call(server, 'GET', '/mypage/info', { headers: { AUTHORIZATION: `bearer ${member.token}` } });
  assert.equal(lower.status, 200, lower.text);
});

// ---- Kakao, unconfigured -----------------------------------------------------------------------------

test('GET /member/kakao is a framework 503 when Kakao is not configured, and 400 without code', async (server) => {
  assertFrameworkError(await call(server, 'GET', '/member/kakao?code=abc'), 503, '/member/kakao');
  assertFrameworkError(await call(server, 'GET', '/member/kakao'), 400, '/member/kakao', /code/);
});

test.stops();
