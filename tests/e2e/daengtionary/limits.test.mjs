// Request bodies over http.body_limit_mb (1 MB here) are refused with a framework 413, whether the
// client announces the length or streams chunks, and nothing is stored; a body under it is fine.
import assert from 'node:assert/strict';
import http from 'node:http';
import { serverSuite } from '../lib/server.mjs';
import { assertFrameworkError, bigPngBytes, call, fetchImage, info, multipart, newMember, uniqueEmail, uniqueNick } from '../lib/api.mjs';

const { test } = serverSuite({ env: { DAENGTIONARY_HTTP_BODY_LIMIT_MB: '1' } });
const MB = 1024 * 1024;
const DOG = { name: '큰개', breed: '마스티프', gender: '수컷', weight: '70' };

// A raw HTTP/1.1 request with node:http, reading the answer even if the server stops reading the body.
function rawRequest(server, method, path, headers, bodyChunks) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode, headers: new Headers(res.headers), text, body });
      });
    });
    req.on('error', reject);
    (async () => {
      for (const chunk of bodyChunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) {
          await new Promise((r) => {
            const done = () => {
              req.off('drain', done);
              req.off('close', done);
              r();
            };
            req.on('drain', done);
            req.on('close', done);
          });
        }
      }
      req.end();
    })().catch(() => {});
  });
}

test('a dog image that keeps the body under 1 MB is accepted', async (server) => {
  const member = await newMember(server);
  const image = { bytes: bigPngBytes(900 * 1024, 1), name: 'big.png', type: 'image/png' };
  const res = await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart(DOG, { image }) });
  assert.equal(res.status, 200, res.text);
  const [dog] = (await info(server, member.token)).dogs;
  const served = await fetchImage(dog.image);
  assert.ok(served.bytes.equals(image.bytes));
});

test('POST /mypage/dogs with a body over 1 MB (FormData, Content-Length) is a framework 413 and stores nothing', async (server) => {
  const member = await newMember(server);
  const before = await info(server, member.token);
  const files = server.storedFiles();
  const image = { bytes: bigPngBytes(Math.floor(1.5 * MB), 2), name: 'huge.png', type: 'image/png' };
  let res;
  try {
    res = await call(server, 'POST', '/mypage/dogs', { token: member.token, form: multipart(DOG, { image }) });
  } catch (e) {
    assert.fail(`the browser-style upload got no response at all: ${e.cause?.code ?? e.message}`);
  }
  assertFrameworkError(res, 413, '/mypage/dogs');
  assert.deepEqual(await info(server, member.token), before);
  assert.deepEqual(server.storedFiles(), files);
});

test('a chunked body over 1 MB without Content-Length is a framework 413 and stores nothing', async (server) => {
  const member = await newMember(server);
  const before = await info(server, member.token);
  const files = server.storedFiles();
  const boundary = 'e2eBoundary7MA4YWxkTrZu0gW';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\nContent-Type: application/json;charset=UTF-8\r\n\r\n${JSON.stringify(DOG)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const png = bigPngBytes(Math.floor(1.5 * MB), 3);
  const chunks = [head];
  for (let at = 0; at < png.length; at += 64 * 1024) chunks.push(png.subarray(at, at + 64 * 1024));
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  const res = await rawRequest(
    server,
    'POST',
    '/mypage/dogs',
    { authorization: `Bearer ${member.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
    chunks,
  );
  assertFrameworkError(res, 413, '/mypage/dogs');
  assert.deepEqual(await info(server, member.token), before);
  assert.deepEqual(server.storedFiles(), files);
});

test('a JSON sign-up body over 1 MB is a framework 413 and creates nobody', async (server) => {
  const email = uniqueEmail('huge');
  const res = await call(server, 'POST', '/member/signup', {
    json: { email, password: 'Passw0rd!', nick: uniqueNick(), role: 'USER', adminCode: 'x'.repeat(1.2 * MB) },
  });
  assert.equal(res.status, 413, res.text);
  assert.equal((await call(server, 'GET', `/member/checkemail?email=${encodeURIComponent(email)}`)).status, 200);
  assertFrameworkError(res, 413, '/member/signup');
});

test('a 413 response carries X-Request-Id and, for a request with an Origin, the CORS headers', async (server) => {
  const res = await call(server, 'POST', '/member/signup', {
    json: { email: uniqueEmail('huge'), adminCode: 'x'.repeat(1.2 * MB) },
    headers: { origin: 'https://daengtionary.site' },
  });
  assert.equal(res.status, 413, res.text);
  assert.ok(res.headers.get('x-request-id'), 'X-Request-Id on the 413 response');
  assert.equal(res.headers.get('access-control-allow-origin'), '*', 'CORS on the 413 response, so the browser can read it');
});

test('the server keeps serving after refusing large bodies', async (server) => {
  const member = await newMember(server);
  assert.equal((await call(server, 'GET', '/mypage/info', { token: member.token })).status, 200);
  assert.deepEqual((await call(server, 'GET', '/health')).body, { status: 'UP' });
});

test.stops();
