// Small clients for the daengtionary API as the React frontend calls it: fetch, JSON bodies,
// FormData with a JSON Blob named `data`, token headers; plus JWT and image helpers.
import { createHmac, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import assert from 'node:assert/strict';

// ---- requests ----------------------------------------------------------------------------------

// fetch with the bits tests need: { status, headers, text, body (parsed JSON or undefined) }.
export async function call(server, method, path, { json, body, form, token, headers = {} } = {}) {
  const init = { method, headers: { ...headers }, redirect: 'manual' };
  if (json !== undefined) {
    init.headers['content-type'] ??= 'application/json;charset=UTF-8';
    init.body = typeof json === 'string' ? json : JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form; // fetch sets multipart/form-data with its own boundary, as the browser does
  } else if (body !== undefined) {
    init.body = body;
  }
  if (token !== undefined) {
    init.headers.authorization = `Bearer ${token}`;
    init.headers['refresh-token'] ??= 'the-frontend-always-sends-this';
  }
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

// ---- envelopes -----------------------------------------------------------------------------------

export const ERR = {
  NOT_VALIDCONTENT: { status: 400, code: 'BAD_REQUEST', message: '유효하지 않는 내용입니다.' },
  DUPLICATE_EMAIL: { status: 400, code: 'DUPLICATE_EMAIL', message: '이미 사용중인 email 입니다.' },
  DUPLICATE_NICK: { status: 400, code: 'DUPLICATE_NICK', message: '이미 사용중인 닉네임 입니다.' },
  WRONG_ADMIN_CODE: { status: 400, code: 'WRONG_ADMINCODE', message: '관리자 코드가 일치하지 않습니다.' },
  INVAILID_TOKEN: { status: 401, code: 'UNAUTHORIZED', message: '권한 정보가 없는 token 입니다.' },
  WRONG_EMAIL: { status: 400, code: 'WRONG_EMAIL', message: '존재하지 않는 email 입니다.' },
  WRONG_PASSWORD: { status: 400, code: 'WRONG_PASSWORD', message: '비밀번호가 일치하지 않습니다.' },
  WRONG_INPUT_CONTENT: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '업로드 타입이 잘못되었습니다' },
  MAP_WRONG_ACCESS: { status: 400, code: 'BAD_REQUEST', message: '본인의 게시글이 아닙니다.' },
  WRONG_IMAGE_FORMAT: { status: 400, code: 'BAD_REQUEST', message: '지원하지 않는 파일 형식입니다.' },
  NOT_FOUND_DOG_INFO: { status: 400, code: 'BAD_REQUEST', message: '반려견 정보가 없습니다.' },
};

// A business error: exactly { status, code, message } with the HTTP status equal to `status`.
export function assertError(res, expected) {
  assert.equal(res.status, expected.status, `HTTP status (body: ${res.text})`);
  assert.deepEqual(res.body, expected);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
}

// A framework error: Spring's default { timestamp, status, error, path, message }.
export function assertFrameworkError(res, status, path, messagePattern) {
  assert.equal(res.status, status, `HTTP status (body: ${res.text})`);
  assert.ok(res.body && typeof res.body === 'object', `JSON body expected, got ${res.text}`);
  assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'path', 'status', 'timestamp']);
  assert.equal(res.body.status, status);
  assert.equal(res.body.error, REASONS[status]);
  if (path !== undefined) assert.equal(res.body.path, path);
  assert.equal(typeof res.body.message, 'string');
  if (messagePattern) assert.match(res.body.message, messagePattern);
  assert.match(res.body.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(\+00:00|Z)$/);
  assert.ok(Math.abs(Date.parse(res.body.timestamp) - Date.now()) < 120_000, `timestamp ${res.body.timestamp} is not now`);
}

const REASONS = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

// A success with message only: exactly { state: 200, message } (no `data` key at all).
export function assertOkMessage(res, message) {
  assert.equal(res.status, 200, `HTTP status (body: ${res.text})`);
  assert.deepEqual(res.body, { state: 200, message });
}

// ---- refused requests ------------------------------------------------------------------------------

// Runs `action` (requests the server must refuse) and checks that what `read()` returns and the image store
// are the same after it: a refusal loses nothing and leaves nothing behind. `what` names the data in the message.
export async function assertNothingChanged(server, read, action, what) {
  const before = await read();
  const files = server.storedFiles();
  await action();
  assert.deepEqual(await read(), before, `${what} changed after a refused request`);
  assert.deepEqual(server.storedFiles(), files, 'the image store changed after a refused request');
}

// A word no other test uses, for titles and search terms.
export const uniqueWord = (prefix = 'w') => `${prefix}${randomBytes(5).toString('hex')}`;

// ---- members -----------------------------------------------------------------------------------

let counter = 0;
const tag = randomBytes(2).toString('hex').replace(/[^a-z0-9]/g, 'x').slice(0, 2);

// A nick that passes the frontend rule (2-8 of a-z, 0-9, Hangul) and is unique in this process.
export function uniqueNick(prefix = 'n') {
  counter += 1;
  return `${prefix}${tag}${counter.toString(36)}`.slice(0, 8);
}

export function uniqueEmail(prefix = 'user') {
  counter += 1;
  return `${prefix}${counter}.${randomBytes(3).toString('hex')}@example.com`;
}

export const PASSWORD = 'Passw0rd!';

export async function signup(server, overrides = {}) {
  const form = { email: uniqueEmail(), password: PASSWORD, nick: uniqueNick(), role: 'USER', adminCode: '', ...overrides };
  const res = await call(server, 'POST', '/member/signup', { json: form });
  return { form, res };
}

export async function login(server, email, password = PASSWORD) {
  return call(server, 'POST', '/member/login', { json: { email, password } });
}

// Signs up and logs in a fresh member: { email, nick, memberNo, token, refreshToken }.
export async function newMember(server, overrides = {}) {
  const { form, res } = await signup(server, overrides);
  assertOkMessage(res, `${form.nick}님 가입을 축하힙니다 :)`);
  const loggedIn = await login(server, form.email, form.password);
  assert.equal(loggedIn.status, 200, loggedIn.text);
  const token = loggedIn.headers.get('authorization').split(' ')[1];
  return {
    email: form.email.toLowerCase(),
    nick: form.nick,
    password: form.password,
    memberNo: loggedIn.body.data.memberNo,
    token,
    refreshToken: loggedIn.headers.get('refresh-token'),
  };
}

export async function info(server, token) {
  const res = await call(server, 'GET', '/mypage/info', { token });
  assert.equal(res.status, 200, `GET /mypage/info: ${res.text}`);
  return res.body.data;
}

// ---- JWT ---------------------------------------------------------------------------------------

const b64url = (buf) => Buffer.from(buf).toString('base64url');

export function decodeJwt(token) {
  const parts = token.split('.');
  assert.equal(parts.length, 3, `not a JWS compact token: ${token}`);
  return {
    header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: parts[2],
  };
}

export function hs256(key, signingInput) {
  return createHmac('sha256', key).update(signingInput).digest('base64url');
}

// A token signed by hand: HS256 over the given header and claims.
export function signJwt(key, claims, header = { alg: 'HS256' }) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${hs256(key, input)}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---- multipart (as FormData, like the frontend) ----------------------------------------------------

export function jsonBlob(obj) {
  return new Blob([JSON.stringify(obj)], { type: 'application/json;charset=UTF-8' });
}

// FormData with `data` (a JSON Blob, or a raw string/Blob when given) and optional file parts:
// files = { image: { bytes, name, type } } (or an array of those for repeated parts).
export function multipart(data, files = {}) {
  const fd = new FormData();
  if (data !== undefined) fd.append('data', typeof data === 'string' || data instanceof Blob ? data : jsonBlob(data));
  for (const [name, spec] of Object.entries(files)) {
    for (const file of Array.isArray(spec) ? spec : [spec]) {
      fd.append(name, new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
    }
  }
  return fd;
}

// ---- images ------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

// A valid RGB PNG of width x height; `seed` changes the pixels so two images differ.
export function pngBytes({ width = 2, height = 2, seed = 0 } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0; // filter: none
    for (let i = 0; i < width * 3; i++) raw[y * (1 + width * 3) + 1 + i] = (seed * 31 + y * 7 + i * 13) & 0xff;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// A PNG padded to about `size` bytes with an ancillary chunk (still a valid PNG).
export function bigPngBytes(size, seed = 0) {
  const base = pngBytes({ seed });
  const iend = base.subarray(base.length - 12);
  const padding = pngChunk('teXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(Math.max(0, size - base.length - 20), 0x61)]));
  return Buffer.concat([base.subarray(0, base.length - 12), padding, iend]);
}

// A valid 1x1 baseline JPEG (JFIF, grey); `seed` is written into a COM segment so images differ.
export function jpegBytes(seed = 0) {
  const body = Buffer.from(
    'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00d2cf20ffd9',
    'hex',
  );
  const comment = Buffer.from(`e2e ${seed}`, 'ascii');
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
  return Buffer.concat([body.subarray(0, 2), com, body.subarray(2)]);
}

export const png = (seed = 0, name = 'dog.png') => ({ bytes: pngBytes({ seed }), name, type: 'image/png' });
export const jpeg = (seed = 0, name = 'dog.jpg') => ({ bytes: jpegBytes(seed), name, type: 'image/jpeg' });

// GET an image URL the server handed out: { status, type, bytes }.
export async function fetchImage(url) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

// The Korean DTO date format, e.g. "2022년 10월 05일 수요일 오후 03:12:45".
export const KOREAN_DATE = /^\d{4}년 \d{2}월 \d{2}일 [월화수목금토일]요일 (오전|오후) \d{2}:\d{2}:\d{2}$/;

// Epoch milliseconds of a Korean DTO date (Asia/Seoul, UTC+9), to compare with the clock.
export function parseKoreanDate(text) {
  const m = /^(\d{4})년 (\d{2})월 (\d{2})일 ([월화수목금토일])요일 (오전|오후) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  assert.ok(m, `not a Korean date: ${text}`);
  const [, y, mo, d, weekday, half, h12, mi, s] = m;
  assert.ok(+h12 >= 1 && +h12 <= 12, `12-hour clock expected: ${text}`);
  const hour = (+h12 % 12) + (half === '오후' ? 12 : 0);
  const ms = Date.UTC(+y, +mo - 1, +d, hour - 9, +mi, +s);
  assert.equal('일월화수목금토'[new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDay()], weekday, `weekday of ${text}`);
  return ms;
}
