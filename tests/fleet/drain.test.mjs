// Readiness and the graceful drain of both apps, one process each on SQLite: /health/ready answers 200 while
// serving and 503 from SIGTERM on; during http.drain_delay_s the process still accepts, a request on a kept-alive
// connection is answered (with Connection: close) instead of reset; then WebSockets close with 1001, new
// connections are refused, and the process exits 0. Engine.IO sids start with http.instance_name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { test } from 'node:test';

import { WebSocket } from './lib/clients.mjs';
import { BBODOK_BIN, startServer } from '../e2e/lib/server.mjs';

const DELAY_S = 2;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// GET over a given agent: { status, headers, body, reused }.
function get(url, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, reused: req.reusedSocket }));
    });
    req.on('error', reject);
  });
}

const APPS = {
  daengtionary: { prefix: 'DAENGTIONARY', websocket: '/wss/chat/000/drainsession/websocket' },
  bbodok: { prefix: 'BBODOK', websocket: '/bbodok-websocket' },
};

for (const [app, { prefix, websocket }] of Object.entries(APPS)) {
  test(`${app}: ready while serving; SIGTERM turns readiness off at once, serves for the drain delay, then exits 0`, async () => {
    const server = await startServer({
      app,
      env: { [`${prefix}_HTTP_DRAIN_DELAY_S`]: String(DELAY_S), [`${prefix}_HTTP_INSTANCE_NAME`]: 'web1-8080' },
    });
    try {
      const ready = await fetch(`${server.url}/health/ready`);
      assert.equal(ready.status, 200);
      assert.equal(ready.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await ready.json(), { status: 'UP', instance: 'web1-8080' });
      // Another method is refused as the app refuses one on any GET route (Bbodok renders 405 as its 400).
      const refused = (await fetch(`${server.url}/health`, { method: 'POST' })).status;
      assert.equal((await fetch(`${server.url}/health/ready`, { method: 'POST' })).status, refused);

      // A kept-alive connection (as nginx keeps one to each instance) and a WebSocket, both open before SIGTERM.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      assert.equal((await get(`${server.url}/health`, agent)).status, 200);
      const ws = new WebSocket(server.url.replace('http', 'ws') + websocket);
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      const closed = new Promise((resolve) => ws.once('close', (code) => resolve({ code, at: Date.now() })));

      const signalled = Date.now();
      process.kill(server.pid, 'SIGTERM');
      await sleep(300);
      const draining = await fetch(`${server.url}/health/ready`);  // a new connection: still accepted
      assert.equal(draining.status, 503);
      assert.deepEqual(await draining.json(), { status: 'OUT_OF_SERVICE', instance: 'web1-8080' });
      const late = await get(`${server.url}/health`, agent);
      assert.deepEqual({ status: late.status, reused: late.reused, connection: late.headers.connection },
                       { status: 200, reused: true, connection: 'close' });
      assert.equal(ws.readyState, WebSocket.OPEN, 'the WebSocket stays open during the drain delay');

      const { code, at } = await closed;
      assert.equal(code, 1001);
      assert.ok(at - signalled >= DELAY_S * 1000 - 100, `WebSocket closed ${at - signalled} ms after SIGTERM`);
      await assert.rejects(fetch(`${server.url}/health`), 'connections are refused after the drain delay');
      for (let waited = 0; !server.exit && waited < 10_000; waited += 100) await sleep(100);  // no second SIGTERM
      assert.deepEqual(server.exit && { code: server.exit.code, signal: server.exit.signal }, { code: 0, signal: null });
      agent.destroy();
    } catch (e) {
      server.dumpLog(app);
      throw e;
    } finally {
      await server.dispose();
    }
  });
}

test('bbodok: Engine.IO sids start with http.instance_name, so a proxy can route a session to its instance', async () => {
  const server = await startServer({ app: 'bbodok', env: { BBODOK_HTTP_INSTANCE_NAME: 'web1-8081' } });
  try {
    const open = await (await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`)).text();
    const { sid } = JSON.parse(open.slice(1));
    assert.match(sid, /^web1-8081\.[A-Za-z0-9_-]{20,}$/);
    const poll = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`,
                             { method: 'POST', body: '40' });
    assert.equal(poll.status, 200);
  } finally {
    await server.dispose();
  }
});

test('an instance name a proxy cannot route by is refused at start (exit status 2, naming the key)', () => {
  const run = spawnSync(BBODOK_BIN, ['--config', '/dev/null', 'check-config'],
                        { env: { ...process.env, BBODOK_HTTP_INSTANCE_NAME: 'web1.example' }, encoding: 'utf8' });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /http\.instance_name/);
});
