// The fleet behind the shipped nginx configuration: two instances of each app on one PostgreSQL and one Redis.
// Polling transports reach the instance that holds their session; under a bounded load of reads and creates,
// deploy/rolling-restart restarts every instance with no failed request and no lost acknowledged write, and a
// STOMP client reconnects after its instance goes; then redis-server and PostgreSQL restart under the load and
// the service recovers by itself. Prints how many requests failed during each outage.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { StompClient, WebSocket } from './lib/clients.mjs';
import { NGINX, REDIS_SERVER, repoRoot, sleep, startFleet } from './lib/fleet.mjs';

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';  // nginx's certificate is the test's self-signed one
const CONCURRENCY = 6;  // load workers, each one request at a time

async function call(url, method, { json, form, token } = {}) {
  const headers = {};
  let body;
  if (json) { headers['content-type'] = 'application/json'; body = JSON.stringify(json); }
  if (form) body = form;
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

function communityForm(title) {
  const form = new FormData();
  form.append('data', new Blob([JSON.stringify({ title, content: '함대 시험', category: '자유' })],
                               { type: 'application/json;charset=UTF-8' }));
  return form;
}

// A bounded load: CONCURRENCY workers mixing Daengtionary's list and create and Bbodok's todo list and create.
function startLoad(fleet, { daeng, bbodok }) {
  const d = fleet.urls.daengtionary;
  const b = fleet.urls.bbodok;
  const stats = { done: 0, failures: [], titles: [], todoIds: [] };
  let phase = 'warm-up';
  let running = true;
  let n = 0;
  const ops = [
    async () => call(`${d}/community/search?category&title=&content=&nick=&sort=&pagenum=0&pagesize=10`, 'GET'),
    async () => {
      const title = `fleet-${process.pid}-${++n}`;
      const res = await call(`${d}/community/create`, 'POST', { form: communityForm(title), token: daeng.token });
      if (res.status === 200) stats.titles.push(title);
      return res;
    },
    async () => call(`${b}/api/v1/todos?groupId=${bbodok.groupId}`, 'GET', { token: bbodok.token }),
    async () => {
      const res = await call(`${b}/api/v1/todos`, 'POST', { json: { content: `할 일 ${++n}`, groupId: bbodok.groupId }, token: bbodok.token });
      if (res.status === 201) stats.todoIds.push(res.body.data.todoId);
      return res;
    },
  ];
  const worker = async (w) => {
    for (let i = w; running; i++) {
      const op = i % ops.length;
      const at = Date.now();
      try {
        const res = await ops[op]();
        if (res.status >= 300) stats.failures.push({ phase, op, at, status: res.status, text: res.text.slice(0, 200) });
      } catch (e) {
        stats.failures.push({ phase, op, at, error: String(e.cause ?? e) });
      }
      stats.done++;
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
  return {
    stats,
    phase: (name) => { phase = name; },
    failed: (name) => stats.failures.filter((f) => f.phase === name),
    stop: async () => { running = false; await Promise.all(workers); },
  };
}

// A Bbodok STOMP client through nginx that reconnects whenever its connection closes.
function stompThroughNginx(fleet, token) {
  const url = `${fleet.urls.bbodok.replace(/^https/, 'wss')}/bbodok-websocket`;
  const seen = { connects: 0, closeCodes: [] };
  const client = new StompClient({
    brokerURL: url,
    webSocketFactory: () => new WebSocket(url, { rejectUnauthorized: false }),
    connectHeaders: { Authorization: `Bearer ${token}` },
    reconnectDelay: 200,
    heartbeatIncoming: 0,
    heartbeatOutgoing: 0,
    debug: () => {},
    onConnect: () => { seen.connects++; },
    onWebSocketClose: (event) => { seen.closeCodes.push(event.code); },
  });
  client.activate();
  return { seen, connected: () => client.connected, close: () => client.deactivate() };
}

const run = (command, args) => new Promise((resolve) => {
  execFile(command, args, { cwd: repoRoot, encoding: 'utf8' }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
});

// How long until a read and a create through nginx both succeed again, polling every 100 ms.
async function recovery(fleet, daeng, since) {
  for (;;) {
    const read = await call(`${fleet.urls.daengtionary}/community/search?category&title=&content=&nick=&sort=&pagenum=0&pagesize=1`, 'GET').catch(() => null);
    const write = await call(`${fleet.urls.bbodok}/api/v1/todos?groupId=${daeng.groupId}`, 'GET', { token: daeng.bbodokToken }).catch(() => null);
    if (read?.status === 200 && write?.status === 200) return Date.now() - since;
    if (Date.now() - since > 60_000) throw new Error('no recovery within 60 s');
    await sleep(100);
  }
}

test('two instances of each app behind the shipped nginx: sessions routed, zero-failure rolling restart, outages recovered', async (t) => {
  if (!process.env.TEST_POSTGRES_URL) return t.skip('needs TEST_POSTGRES_URL (scripts/test exports it)');
  for (const bin of [NGINX, REDIS_SERVER]) if (!fs.existsSync(bin)) return t.skip(`${bin} is not installed (scripts/bootstrap)`);
  const fleet = await startFleet();
  let load;
  let stomp;
  try {
    const d = fleet.urls.daengtionary;
    const b = fleet.urls.bbodok;
    // A Daengtionary member and a Bbodok member with a group, through nginx.
    const email = `fleet${Date.now()}@example.com`;
    assert.equal((await call(`${d}/member/signup`, 'POST', { json: { email, password: 'Passw0rd!', nick: `n${Date.now() % 1e6}`, role: 'USER', adminCode: '' } })).status, 200);
    const login = await call(`${d}/member/login`, 'POST', { json: { email, password: 'Passw0rd!' } });
    const daeng = { token: login.headers.get('authorization').split(' ')[1] };
    const dev = await call(`${b}/api/v1/members/dev-login`, 'POST', { json: { nickname: '함대' } });
    const bbodokToken = dev.body.data.accessToken;
    const group = await call(`${b}/api/v1/groups`, 'POST', { token: bbodokToken, json: { groupName: '함대 시험', password: '', path: `fleet${Date.now().toString(36)}`, secret: false } });
    assert.equal(group.status, 201, group.text);
    const bbodok = { token: bbodokToken, groupId: group.body.data.groupId };
    daeng.groupId = bbodok.groupId;
    daeng.bbodokToken = bbodokToken;

    // Polling sessions through nginx: every request of a session reaches the instance that holds it.
    const open = await (await fetch(`${b}/socket.io/?EIO=4&transport=polling`)).text();
    const sid = JSON.parse(open.slice(1)).sid;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${b}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`, { method: 'POST', body: '3' });
      assert.equal(res.status, 200, `Engine.IO request ${i} of one session: ${await res.text()}`);
    }
    const session = `fleet${Date.now()}`;
    assert.equal((await fetch(`${d}/wss/chat/000/${session}/xhr`, { method: 'POST' })).status, 200);
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${d}/wss/chat/000/${session}/xhr_send`, { method: 'POST', body: '["\\n"]', headers: { 'content-type': 'text/plain' } });
      assert.equal(res.status, 204, `SockJS xhr_send ${i} of one session: ${res.status}`);
    }

    stomp = stompThroughNginx(fleet, bbodokToken);
    load = startLoad(fleet, { daeng, bbodok });
    await sleep(2000);

    // Rolling restart of all four instances.
    load.phase('rolling-restart');
    const names = fleet.instances.map((i) => i.name);
    const restarted = await run(path.join(repoRoot, 'deploy/rolling-restart'), ['-c', fleet.restartCommand, '-s', '3', ...names]);
    assert.equal(restarted.code, 0, restarted.stderr);
    await sleep(1000);
    const rollingFailures = load.failed('rolling-restart');
    console.log(`rolling restart: ${load.stats.done} requests so far, ${rollingFailures.length} failed`);
    if (rollingFailures.length) console.log(JSON.stringify(rollingFailures, null, 1));
    assert.deepEqual(rollingFailures, [], 'no request fails during the rolling restart');
    for (const instance of fleet.instances) {
      assert.deepEqual(instance.exits, [{ code: 0, signal: null }], `${instance.name} drained and exited 0`);
    }
    assert.ok(stomp.seen.closeCodes.includes(1001), `the STOMP client's instance went away with 1001 (${stomp.seen.closeCodes})`);
    await sleep(1000);
    assert.ok(stomp.connected() && stomp.seen.connects >= 2, `the STOMP client reconnected (${stomp.seen.connects} connects)`);

    // Redis outage: SIGKILL, 2 s down, a fresh empty redis-server on the same port.
    load.phase('redis');
    let since = Date.now();
    await fleet.redis.kill();
    await sleep(2000);
    await fleet.redis.start();
    const redisRecovery = await recovery(fleet, daeng, since);
    await sleep(1000);
    load.phase('after-redis');

    // PostgreSQL outage: a fast shutdown and a start (pg_ctl), whatever that takes.
    load.phase('postgresql');
    since = Date.now();
    fleet.pg.restart();
    const pgDown = Date.now() - since;
    const pgRecovery = await recovery(fleet, daeng, since);
    await sleep(1000);
    load.phase('after-postgresql');
    await sleep(1000);
    await load.stop();
    stomp.close();

    const redisFailed = load.failed('redis').length;
    const pgFailed = load.failed('postgresql').length;
    console.log(`redis outage: 2000 ms down, recovered ${redisRecovery} ms after the kill, ${redisFailed} requests failed`);
    console.log(`postgresql outage: ${pgDown} ms down, recovered ${pgRecovery} ms after the stop, ${pgFailed} requests failed`);
    console.log(`load: ${load.stats.done} requests, ${load.stats.titles.length} posts and ${load.stats.todoIds.length} todos acknowledged`);
    if (load.stats.failures.length) console.log(JSON.stringify(load.stats.failures.slice(0, 40), null, 1));
    // Redis only holds caches, rankings and pub/sub: an outage degrades, no request fails.
    assert.equal(redisFailed, 0, 'a Redis outage fails no request');
    // PostgreSQL down fails what needs it until it is back (at most every request of the outage), and afterwards
    // at most one request per pooled connection each instance held (8 each), which find their server gone.
    assert.ok(redisRecovery < 10_000 && pgRecovery < pgDown + 10_000, 'recovered within seconds');
    assert.deepEqual([...load.failed('after-redis'), ...load.failed('after-postgresql'), ...load.failed('warm-up')], []);

    // No acknowledged write is lost.
    const stored = new Set(fleet.pg.psql('daengtionary', "SELECT title FROM community WHERE title LIKE 'fleet-%'").split('\n'));
    assert.deepEqual(load.stats.titles.filter((title) => !stored.has(title)), [], 'every acknowledged post is stored');
    const listed = await call(`${b}/api/v1/todos?groupId=${bbodok.groupId}`, 'GET', { token: bbodokToken });
    const todoIds = new Set(listed.body.data.map((todo) => todo.todoId));
    assert.deepEqual(load.stats.todoIds.filter((id) => !todoIds.has(id)), [], 'every acknowledged todo is listed');
  } catch (e) {
    // nginx's own account of what failed (refused connects to a draining instance are expected and retried).
    const nginxErrors = fs.readFileSync(path.join(fleet.dir, 'nginx-error.log'), 'utf8').split('\n')
      .filter((line) => line && !/Connection refused|temporarily disabled/.test(line));
    console.error(`---- nginx errors ----\n${nginxErrors.slice(-20).join('\n')}`);
    for (const instance of fleet.instances) console.error(`---- ${instance.name} (last 30 lines) ----\n${instance.log().split('\n').slice(-30).join('\n')}`);
    throw e;
  } finally {
    await load?.stop();
    stomp?.close();
    await fleet.stop();
  }
});
