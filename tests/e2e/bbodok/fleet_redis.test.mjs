// Two Bbodok instances on one PostgreSQL and one Redis (kv.url): a STOMP subscriber connected to instance A sees
// the room a member adds through instance B, and each instance's own subscribers get each broadcast once.
// Needs E2E_DATABASE=postgresql (one database both instances share) and redis-server (scripts/bootstrap).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { addMember } from '../lib/bbodok.mjs';
import { addGroup, connectStomp, futureSlot, join, quiet } from '../lib/bbodok_rooms.mjs';
import { BBODOK_BIN, DATABASE, freePort, startServer } from '../lib/server.mjs';

const REDIS_SERVER = '/usr/bin/redis-server';

async function ready(check, what, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${ms} ms`);
    await quiet(50);
  }
}

const answers = async (url) => {
  try {
    return (await fetch(`${url}/health`)).status === 200;
  } catch {
    return false;
  }
};

// A throw-away redis-server; { url, stop() }.
async function startRedis() {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
                      { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const net = await import('node:net');
  await ready(() => new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  }), 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, stop: async () => { child.kill('SIGKILL'); await exited; } };
}

// A second instance of `server`'s binary on its database, secret and Redis, on a port of its own.
async function startSibling(server) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(server.dir, 'sibling.log'), 'a');
  const child = spawn(BBODOK_BIN, ['--config', path.join(server.dir, 'bbodok.toml')],
                      { cwd: server.dir, env: { ...server.env, BBODOK_HTTP_PORT: String(port) }, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await ready(() => answers(url), 'the second instance');
  return { ...server, url, port, stop: async () => { child.kill('SIGTERM'); return exited; } };
}

test('a STOMP broadcast caused on instance B reaches subscribers on instance A and on B, once each', async (t) => {
  if (DATABASE !== 'postgresql') return t.skip('two instances share one database: run with E2E_DATABASE=postgresql');
  if (!fs.existsSync(REDIS_SERVER)) return t.skip('redis-server is not installed (scripts/bootstrap installs it)');
  const redis = await startRedis();
  let a;
  try {
    a = await startServer({ app: 'bbodok', env: { TZ: 'UTC', BBODOK_KV_URL: redis.url } });
  } catch (e) {
    await redis.stop();
    throw e;
  }
  try {
    const b = await startSibling(a);
    const groupId = addGroup(a);
    const alice = addMember(a);
    const bob = addMember(a);
    join(a, alice, groupId);
    join(a, bob, groupId);
    const onA = await connectStomp(a, alice.token);
    const onB = await connectStomp(b, bob.token);
    const aInbox = await onA.subscribe(`/topic/${groupId}`);
    const bInbox = await onB.subscribe(`/topic/${groupId}`);
    await quiet(200);  // instance A's Redis SUBSCRIBE is confirmed a round trip after the STOMP SUBSCRIBE
    const slot = futureSlot();
    onB.send('/app/add', { groupId, startTime: slot.startTime, endTime: slot.endTime });
    const [seenOnA] = await aInbox.next(1);
    const [seenOnB] = await bInbox.next(1);
    assert.deepEqual(seenOnA, seenOnB);
    assert.equal(seenOnA.groupId, groupId);
    assert.deepEqual(seenOnA.memberIds, [bob.memberId]);
    await quiet();
    assert.equal(aInbox.messages.length, 1, 'A got the broadcast once');
    assert.equal(bInbox.messages.length, 1, 'B got its own broadcast once, not again through Redis');
    await onA.close();
    await onB.close();
    assert.equal(await b.stop(), 0, 'the second instance stops cleanly');
  } catch (e) {
    a.dumpLog('fleet');
    if (fs.existsSync(path.join(a.dir, 'sibling.log'))) console.error(fs.readFileSync(path.join(a.dir, 'sibling.log'), 'utf8'));
    throw e;
  } finally {
    await a.dispose();
    await redis.stop();
  }
});
