// The per-request handler deadline (http.handler_timeout_s, 1 s here): a sign-up stuck behind a database lock
// held from outside answers Spring's 503 within the deadline, other requests are served meanwhile, and once
// the lock is gone the late sign-up ends whole (its answer dropped) and the server serves normally.
import { spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';

import { serverSuite } from '../lib/server.mjs';
import { assertFrameworkError, call, login, newMember, signup } from '../lib/api.mjs';

const { test } = serverSuite({ env: { DAENGTIONARY_HTTP_HANDLER_TIMEOUT_S: '1' } });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, check, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

// A client of the server's database holding a lock on the member table until release():
// SQLite: an exclusive transaction (no one else writes); PostgreSQL: ACCESS EXCLUSIVE on member (no one reads).
async function lockMembers(server) {
  const url = server.env.DAENGTIONARY_SQL_URL;
  const sqlite = url.startsWith('sqlite:');
  const file = url.slice('sqlite:'.length);
  const child = sqlite
    ? spawn('sqlite3', [file], { stdio: ['pipe', 'ignore', 'inherit'] })
    : spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.stdin.write(sqlite ? 'BEGIN EXCLUSIVE;\n' : 'BEGIN;\nLOCK TABLE member IN ACCESS EXCLUSIVE MODE;\n');
  const held = sqlite
    ? () => spawnSync('sqlite3', [file, 'BEGIN IMMEDIATE; ROLLBACK;'], { encoding: 'utf8' }).status !== 0
    : () =>
        server.scalar(
          "SELECT count(*) FROM pg_locks WHERE relation = 'member'::regclass AND mode = 'AccessExclusiveLock' AND granted",
        ) === '1';
  await until('the lock is held', held);
  return {
    async release() {
      child.stdin.end('COMMIT;\n');
      await exited;
    },
  };
}

test('a sign-up stuck on a locked table answers 503 in the envelope within the deadline', async (server) => {
  const member = await newMember(server); // before the lock: a member to sign in with meanwhile
  const lock = await lockMembers(server);
  let form;
  try {
    const started = Date.now();
    const stuck = await signup(server);
    const took = Date.now() - started;
    form = stuck.form;
    assertFrameworkError(stuck.res, 503, '/member/signup');
    assert.ok(took >= 900 && took < 4_000, `answered after ${took} ms`);

    // The connection was answered, not held; a request that needs no lock is served at once.
    const health = await call(server, 'GET', '/health');
    assert.equal(health.status, 200);
  } finally {
    await lock.release();
  }

  // The stuck sign-up cannot be stopped: it ends once the lock is gone, whole, and its answer goes nowhere.
  await until('the late sign-up has ended', () => server.log().includes('after its deadline'));
  assert.equal(server.scalar(`SELECT count(*) FROM member WHERE email = '${form.email.toLowerCase()}'`), '1');
  const late = await login(server, form.email, form.password);
  assert.equal(late.status, 200, late.text);

  // And the server serves as before.
  assert.equal((await login(server, member.email, member.password)).status, 200);
  await newMember(server);
});

test.stops();
