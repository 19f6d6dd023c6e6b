// The SockJS server with the real sockjs-client 1.6.1 (what the Daengtionary frontend uses), in Node: every
// transport the client may pick, ordering, large messages, server-initiated closes, a vanished client, /info and
// CORS, the WebSocket-off and cookie_needed endpoints, and the drain on SIGTERM. The server is
// tests/support/sockjs_echo_server (SOCKJS_ECHO_SERVER_BIN).
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import SockJS from 'sockjs-client';

import { startTestServer } from '../lib/test_server.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const BIN = process.env.SOCKJS_ECHO_SERVER_BIN || path.resolve(here, '../../../build/dev/tests/support/sockjs_echo_server');
const SANITIZER_MARKERS = ['AddressSanitizer', 'runtime error', 'LeakSanitizer', 'UndefinedBehaviorSanitizer'];
const DISCONNECT_DELAY_MS = 1000;
const TRANSPORTS = ['websocket', 'xhr-streaming', 'xhr-polling'];

let server;  // { url, child, output(), exited }

async function startServer() {
  return startTestServer(BIN, { SOCKJS_HEARTBEAT_MS: '2000', SOCKJS_DISCONNECT_DELAY_MS: String(DISCONNECT_DELAY_MS) });
}

before(async () => {
  server = await startServer();
});

after(() => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
});

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// An open SockJS connection with its received messages and its close event as promises. `transports`: what the
// client may choose from (all by default); `transport` is the one it must have chosen.
async function connect(endpoint, transport, transports = [transport]) {
  const sock = new SockJS(`${server.url}${endpoint}`, null, { transports });
  const received = [];
  let waiting = null;
  const closed = new Promise((resolve) => {
    sock.onclose = (event) => resolve({ code: event.code, reason: event.reason });
  });
  sock.onmessage = (event) => {
    received.push(event.data);
    if (waiting && received.length >= waiting.count) waiting.resolve();
  };
  const opened = new Promise((resolve, reject) => {
    sock.onopen = () => resolve(sock.transport);  // read at once: a session closed as it opens has none after
    closed.then((event) => reject(new Error(`closed before opening: ${JSON.stringify(event)}`)));
  });
  assert.equal(await withTimeout(opened, 10_000, `${transport} open`), transport);
  return {
    sock,
    transport,  // sock.transport is null again once closed
    received,
    closed,
    // Resolves with the first `count` messages.
    async take(count) {
      if (received.length < count) {
        await withTimeout(new Promise((resolve) => (waiting = { count, resolve })), 15_000, `${count} messages`);
      }
      return received.slice(0, count);
    },
  };
}

async function stats() {
  return (await fetch(`${server.url}/stats`)).json();
}

async function eventually(check, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const transport of TRANSPORTS) {
  test(`${transport}: echoes in order, large messages included, and closes normally`, async () => {
    const c = await connect('/echo', transport);
    const messages = Array.from({ length: 300 }, (_, i) => `message ${i} 댕댕이 "quoted" \\ \u2028`);
    for (const m of messages) c.sock.send(m);
    assert.deepEqual(await c.take(messages.length), messages);

    const large = 'x'.repeat(300 * 1024);  // past the 128 KiB streaming limit: the stream is renewed under it
    c.sock.send(large);
    c.sock.send('after large');
    const [echoed, next] = (await c.take(messages.length + 2)).slice(messages.length);
    assert.equal(echoed.length, large.length);
    assert.equal(echoed, large);
    assert.equal(next, 'after large');

    c.sock.send('burst 500');
    const burst = (await c.take(messages.length + 2 + 500)).slice(messages.length + 2);
    assert.deepEqual(burst, Array.from({ length: 500 }, (_, i) => String(i)));

    c.sock.close();
    assert.deepEqual(await c.closed, { code: 1000, reason: 'Normal closure' });
  });

  test(`${transport}: a server-initiated close reaches onclose with its code and reason`, async () => {
    const c = await connect('/close_after_echo', transport);
    c.sock.send('only one');
    assert.deepEqual(await c.take(1), ['only one']);
    assert.deepEqual(await withTimeout(c.closed, 10_000, 'close'), { code: 4001, reason: 'closing after first message' });
  });

  test(`${transport}: a session closed as it opens still opens first, then closes with 3000`, async () => {
    const c = await connect('/close', transport);
    assert.deepEqual(await withTimeout(c.closed, 10_000, 'close'), { code: 3000, reason: 'Go away!' });
  });

  test(`${transport}: the cookie_needed endpoint echoes`, async () => {
    const c = await connect('/cookie_needed_echo', transport);
    c.sock.send('with a cookie');
    assert.deepEqual(await c.take(1), ['with a cookie']);
    c.sock.close();
    await c.closed;
  });
}

// An upgrade request by hand: resolves with 101 when the server switches protocols, else with its status.
function upgradeStatus(url) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'x3JJHMbDL1EzLkh9GBhXDw==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}

test('with WebSocket off, /info says so, both WebSocket URLs answer 404 and sockjs-client falls back to xhr', async () => {
  const info = await (await fetch(`${server.url}/disabled_websocket_echo/info`)).json();
  assert.equal(info.websocket, false);
  assert.equal(info.cookie_needed, false);
  assert.equal(await upgradeStatus(`${server.url}/disabled_websocket_echo/000/off/websocket`), 404);
  assert.equal(await upgradeStatus(`${server.url}/disabled_websocket_echo/websocket`), 404);
  assert.equal(await upgradeStatus(`${server.url}/echo/000/on/websocket`), 101);

  // Allowed every transport, as the frontend is, the client skips the WebSocket without trying it.
  const c = await connect('/disabled_websocket_echo', 'xhr-streaming', undefined);
  c.sock.send('no websocket');
  assert.deepEqual(await c.take(1), ['no websocket']);
  c.sock.close();
  assert.deepEqual(await c.closed, { code: 1000, reason: 'Normal closure' });
});

test('cookie_needed: /info says so, every xhr transport response sets JSESSIONID, the request\'s own if it has one', async () => {
  const base = `${server.url}/cookie_needed_echo`;
  const info = await fetch(`${base}/info`);
  assert.equal((await info.json()).cookie_needed, true);
  assert.equal(info.headers.get('set-cookie'), null);

  const post = (url, init = {}) => fetch(url, { method: 'POST', ...init });
  const opened = await post(`${base}/000/jar/xhr`);
  assert.equal(await opened.text(), 'o\n');
  assert.equal(opened.headers.get('set-cookie'), 'JSESSIONID=dummy; path=/');
  const sent = await post(`${base}/000/jar/xhr_send`, { body: '["x"]', headers: { Cookie: 'lb=7; JSESSIONID=abc123' } });
  assert.equal(sent.status, 204);
  assert.equal(sent.headers.get('set-cookie'), 'JSESSIONID=abc123; path=/');
  const polled = await post(`${base}/000/jar/xhr`, { headers: { Cookie: 'JSESSIONID=abc123' } });
  assert.equal(await polled.text(), 'a["x"]\n');
  assert.equal(polled.headers.get('set-cookie'), 'JSESSIONID=abc123; path=/');
  const refused = await post(`${base}/000/nobody/xhr_send`, { body: '["x"]' });
  assert.equal(refused.status, 404);
  assert.equal(refused.headers.get('set-cookie'), 'JSESSIONID=dummy; path=/');

  const controller = new AbortController();
  const streaming = await post(`${base}/000/stream/xhr_streaming`, { signal: controller.signal });
  assert.equal(streaming.status, 200);
  assert.equal(streaming.headers.get('set-cookie'), 'JSESSIONID=dummy; path=/');
  controller.abort();

  // The plain endpoint sets none.
  const plain = await post(`${server.url}/echo/000/jar/xhr`);
  assert.equal(await plain.text(), 'o\n');
  assert.equal(plain.headers.get('set-cookie'), null);
});

test('a vanished client is timed out: on_close runs and the session answers c[3000]', async () => {
  // Earlier tests' sessions may still be closing: wait for them, so that the count grows for this one only.
  await eventually(async () => {
    const { opened, closed } = await stats();
    return closed >= opened;
  }, 'earlier sessions closed', DISCONNECT_DELAY_MS * 5);
  const before = await stats();
  const poll = () => fetch(`${server.url}/echo/000/vanishing/xhr`, { method: 'POST' }).then((r) => r.text());
  assert.equal(await poll(), 'o\n');
  // The client never polls again.
  await eventually(async () => (await stats()).closed > before.closed, 'on_close', DISCONNECT_DELAY_MS * 5);
  assert.equal(await poll(), 'c[3000,"Go away!"]\n');
});

test('a websocket client that drops its connection is closed on the server', async () => {
  const c = await connect('/echo', 'websocket');
  const before = await stats();
  c.sock._transport.ws.close();  // no SockJS close: the socket just goes
  await eventually(async () => (await stats()).closed > before.closed, 'on_close');
});

test('/info and the CORS answers', async () => {
  const origin = 'https://daengtionary.site';
  const info = await fetch(`${server.url}/echo/info?t=1`, { headers: { Origin: origin } });
  assert.equal(info.status, 200);
  assert.equal(info.headers.get('access-control-allow-origin'), origin);
  assert.equal(info.headers.get('access-control-allow-credentials'), 'true');
  assert.match(info.headers.get('cache-control'), /no-store/);
  assert.equal(info.headers.get('content-type'), 'application/json; charset=UTF-8');
  const body = await info.json();
  assert.deepEqual({ ...body, entropy: 0 }, { websocket: true, origins: ['*:*'], cookie_needed: false, entropy: 0 });
  assert.equal(typeof body.entropy, 'number');
  const again = await (await fetch(`${server.url}/echo/info`)).json();
  assert.notEqual(again.entropy, body.entropy);
  assert.equal((await fetch(`${server.url}/echo/info`)).headers.get('access-control-allow-origin'), '*');
  // A page from file:// sends `Origin: null`; with credentials only the same `null` lets its browser read the answer.
  const fromFile = await fetch(`${server.url}/echo/info`, { headers: { Origin: 'null' } });
  assert.equal(fromFile.headers.get('access-control-allow-origin'), 'null');

  for (const [url, methods] of [
    ['/echo/info', 'OPTIONS, GET'],
    ['/echo/000/cors/xhr', 'OPTIONS, POST'],
    ['/echo/000/cors/xhr_send', 'OPTIONS, POST'],
    ['/echo/000/cors/xhr_streaming', 'OPTIONS, POST'],
  ]) {
    const res = await fetch(`${server.url}${url}`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(res.status, 204, url);
    assert.equal(res.headers.get('access-control-allow-origin'), origin, url);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true', url);
    assert.equal(res.headers.get('access-control-allow-methods'), methods, url);
    assert.equal(res.headers.get('access-control-allow-headers'), 'content-type', url);
    assert.ok(Number(res.headers.get('access-control-max-age')) > 0, url);
    assert.ok(Date.parse(res.headers.get('expires')) > Date.now() + 300 * 24 * 3600 * 1000, url);
  }

  const opened = await fetch(`${server.url}/echo/000/cors/xhr`, { method: 'POST', headers: { Origin: origin } });
  assert.equal(await opened.text(), 'o\n');
  assert.equal(opened.headers.get('access-control-allow-origin'), origin);
  const send = (body) => fetch(`${server.url}/echo/000/cors/xhr_send`, { method: 'POST', body, headers: { Origin: origin } });
  const sent = await send('["hi"]');
  assert.equal(sent.status, 204);
  assert.equal(sent.headers.get('access-control-allow-origin'), origin);
  const empty = await send('');
  assert.deepEqual([empty.status, await empty.text()], [500, 'Payload expected.']);
  const broken = await send('["x');
  assert.deepEqual([broken.status, await broken.text()], [500, 'Broken JSON encoding.']);
  const unknown = await fetch(`${server.url}/echo/000/nobody/xhr_send`, { method: 'POST', body: '["x"]' });
  assert.equal(unknown.status, 404);
  const greeting = await fetch(`${server.url}/echo`);
  assert.equal(await greeting.text(), 'Welcome to SockJS!\n');
});

test('SIGTERM closes open sessions with 1001, then the server exits 0 without a sanitizer report', async () => {
  const open = await Promise.all(TRANSPORTS.map((transport) => connect('/echo', transport)));
  server.child.kill('SIGTERM');
  for (const c of open) {
    const { transport } = c;
    const event = await withTimeout(c.closed, 10_000, `${transport} close`);
    // A polling client between two polls has no request the close frame could answer, and its next poll finds
    // the server gone: sockjs-client reports 1006. The others always have a receiver attached.
    if (transport === 'xhr-polling' && event.code === 1006) continue;
    assert.deepEqual(event, { code: 1001, reason: 'Server shutting down' }, transport);
  }
  const outcome = await withTimeout(server.exited, 10_000, 'exit');
  assert.deepEqual(outcome, { code: 0, signal: null });
  for (const marker of SANITIZER_MARKERS) assert.ok(!server.output().includes(marker), server.output());
});
