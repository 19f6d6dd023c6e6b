// Bbodok as its React frontend calls it: axios-style JSON requests with a Bearer cookie token, the
// envelopes, members made directly in the database and access tokens minted as the server would
// ({memberId, iat, exp}, HS256 with the server's key), so a suite can act as any member without Kakao.
import { createHmac } from 'node:crypto';
import assert from 'node:assert/strict';

// { status, headers, text, body (parsed JSON or undefined) }. `json` is sent as application/json (also on
// DELETE, as the frontend does); `token` becomes `Authorization: Bearer <token>`.
export async function call(server, method, path, { json, token, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (json !== undefined) {
    init.headers['content-type'] ??= 'application/json';
    init.body = typeof json === 'string' ? json : JSON.stringify(json);
  }
  if (token !== undefined) init.headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

const base64url = (data) => Buffer.from(data).toString('base64url');

// An HS256 JWT over exactly the given claims, signed with the server's key.
export function signJwt(server, claims) {
  const head = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const body = base64url(JSON.stringify(claims));
  const mac = createHmac('sha256', server.secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${mac}`;
}

// An access token for memberId as the original minted them; ttlSeconds may be negative (expired).
export function accessToken(server, memberId, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(server, { memberId, iat: now, exp: now + ttlSeconds });
}

let made = 0;
// A member row as a Kakao sign-in leaves one; returns { memberId, name, profile, token }.
export function addMember(server, { name = `회원${++made}`, profile = `https://k.kakaocdn.net/p/${made}.jpg`, email = null } = {}) {
  const q = (v) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
  const now = Date.now() * 1000;
  // parseInt: psql follows the RETURNING row with its command tag.
  const memberId = parseInt(
    server.scalar(
      `INSERT INTO member (name, profile, email, kakao_id, created_at, updated_at) ` +
        `VALUES (${q(name)}, ${q(profile)}, ${q(email)}, NULL, ${now}, ${now}) RETURNING member_id`,
    ),
    10,
  );
  return { memberId, name, profile, token: accessToken(server, memberId) };
}

// 2xx with the success envelope; returns `data`.
export function assertSuccess(res, status = 200, { message = '성공', code = 'success' } = {}) {
  assert.equal(res.status, status, `HTTP status (body: ${res.text})`);
  assert.ok(res.body && 'data' in res.body, `no data key in ${res.text}`);
  assert.equal(res.body.message, message);
  assert.equal(res.body.code, code);
  return res.body.data;
}
export const assertCreated = (res) => assertSuccess(res, 201, { message: '새로 생성되었습니다.', code: 'resource.created' });
export const assertDeleted = (res) => assertSuccess(res, 200, { message: '삭제되었습니다.', code: 'resource.deleted' });

// A failure envelope {code, message}; message may be a string or a RegExp.
export function assertFailure(res, status, message, code = 'fail') {
  assert.equal(res.status, status, `HTTP status (body: ${res.text})`);
  assert.equal(res.body?.code, code, res.text);
  if (message instanceof RegExp) assert.match(res.body.message, message);
  else if (message !== undefined) assert.equal(res.body.message, message);
}
export const assertUnauthenticated = (res) => assertFailure(res, 401, '인증이 필요해요.');
export const assertBadRequest = (res) => assertFailure(res, 400, '알 수 없는 오류가 발생했어요.');
