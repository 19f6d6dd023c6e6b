// Site routes and router behaviour the frontend relies on: GET /, /health, X-Request-Id, 404, 405 with
// Allow, trailing slashes, valueless query keys and query decoding.
import assert from 'node:assert/strict';
import { serverSuite } from '../lib/server.mjs';
import { ERR, assertError, assertFrameworkError, assertOkMessage, call, newMember, signup } from '../lib/api.mjs';

const { test } = serverSuite();

test('GET / answers 200 text/plain starting with the build-date sentence', async (server) => {
  const res = await call(server, 'GET', '/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.ok(res.text.startsWith('빌드된 현재 날짜는 : '), res.text);
  assert.match(res.text, /^빌드된 현재 날짜는 : \d{4}-\d{2}-\d{2} 현재 시간은 : /);
});

test('GET /health answers {"status":"UP"}', async (server) => {
  const res = await call(server, 'GET', '/health');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { status: 'UP' });
});

test('every response carries an X-Request-Id, distinct per request', async (server) => {
  const member = await newMember(server);
  const responses = [
    await call(server, 'GET', '/'),
    await call(server, 'GET', '/health'),
    await call(server, 'GET', '/mypage/info', { token: member.token }),
    await call(server, 'GET', '/mypage/info'),
    await call(server, 'GET', '/nowhere'),
    await call(server, 'DELETE', '/member/login'),
    await call(server, 'GET', '/member/checkemail'),
    await call(server, 'POST', '/member/login', { json: '{' }),
    await call(server, 'POST', '/mypage/dogs', { token: member.token, json: {} }),
    await call(server, 'OPTIONS', '/member/login', { headers: { origin: 'https://x.example', 'access-control-request-method': 'POST' } }),
    await call(server, 'GET', '/images/does-not-exist.png'),
  ];
  const ids = responses.map((r) => r.headers.get('x-request-id'));
  for (const [i, id] of ids.entries()) assert.ok(id, `response #${i} (status ${responses[i].status}) has no X-Request-Id`);
  assert.equal(new Set(ids).size, ids.length, 'ids are distinct');
});

test('an unknown path is a framework 404 with the path', async (server) => {
  for (const path of ['/nowhere', '/member', '/member/checkemail/extra', '/mypage/dogs/1/2', '/Member/login', '/api/member/login']) {
    assertFrameworkError(await call(server, 'GET', path), 404, path);
  }
});

test('a known path with the wrong method is a framework 405 with Allow', async (server) => {
  for (const [method, path, allow] of [
    ['DELETE', '/member/login', ['POST']],
    ['GET', '/member/signup', ['POST']],
    ['POST', '/member/checkemail', ['GET']],
    ['PUT', '/mypage/nick', ['PATCH']],
    ['GET', '/mypage/dogs', ['POST']],
    ['GET', '/mypage/dogs/1', ['DELETE', 'PATCH']],
    ['POST', '/mypage/dogs/image/1', ['DELETE', 'PATCH']],
  ]) {
    const res = await call(server, method, path);
    assertFrameworkError(res, 405, path);
    const allowed = (res.headers.get('allow') ?? '').split(',').map((m) => m.trim()).filter(Boolean).sort();
    // HEAD is served by GET handlers, so it may be listed next to GET (and only there).
    assert.deepEqual(allowed.filter((m) => m !== 'HEAD'), allow, `Allow for ${method} ${path}: ${allowed}`);
    if (allowed.includes('HEAD')) assert.ok(allowed.includes('GET'), `HEAD without GET in Allow: ${allowed}`);
  }
});

test('a trailing slash is served like the path without it', async (server) => {
  const email = `slash${Date.now()}@example.com`;
  assertOkMessage(await call(server, 'GET', `/member/checkemail/?email=${email}`), '사용 가능한 email 입니다.');
  assert.deepEqual((await call(server, 'GET', '/health/')).body, { status: 'UP' });
  const member = await newMember(server);
  const res = await call(server, 'GET', '/mypage/info/', { token: member.token });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.data.email, member.email);
});

test('valueless query keys count as present with "" (GET /member/checkemail?email, ?nick)', async (server) => {
  assertOkMessage(await call(server, 'GET', '/member/checkemail?email'), '사용 가능한 email 입니다.');
  assertOkMessage(await call(server, 'GET', '/member/checknick?nick'), '사용 가능한 닉네임 입니다.');
  assertOkMessage(await call(server, 'GET', '/member/checkemail?email='), '사용 가능한 email 입니다.');
  assertOkMessage(await call(server, 'GET', '/member/checkemail?foo&email&bar=1'), '사용 가능한 email 입니다.');
});

test('query values are percent- and plus-decoded before the lookup', async (server) => {
  const { form } = await signup(server, { email: `plus+tag${Date.now()}@example.com` });
  // '+' means space in a query string, so the address must be sent encoded.
  assertError(await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(form.email)}`), ERR.DUPLICATE_EMAIL);
  assertOkMessage(await call(server, 'GET', `/member/checkemail?email=${form.email}`), '사용 가능한 email 입니다.');
  const nick = `한글${String(Date.now()).slice(-4)}`;
  await signup(server, { nick });
  assertError(await call(server, 'GET', `/member/checknick?nick=${encodeURIComponent(nick)}`), ERR.DUPLICATE_NICK);
});

test('GET /images/ with an unknown or malformed key is 404', async (server) => {
  for (const key of ['00000000-0000-4000-8000-000000000000.png', 'nope.gif', '..%2F..%2Fetc%2Fpasswd', 'x.png.tmp']) {
    const res = await call(server, 'GET', `/images/${key}`);
    assert.equal(res.status, 404, `${key}: ${res.text}`);
  }
});

test.stops();
