// The midnight jobs (contract §7.8) on a test clock (BBODOK_CLOCK_START, Seoul local time): done todos cleared and
// ended rooms closed at 00:00 in Seoul with the calendar answering the change, a missed midnight caught up once at
// start, and two instances on one database running the midnight job once.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BBODOK_BIN, freePort, startServer } from '../lib/server.mjs';
import { addMember, assertCreated, assertSuccess, call } from '../lib/bbodok.mjs';
import { DAY, MINUTE, addGroup, addRoom, join } from '../lib/bbodok_rooms.mjs';

// Monday 2026-12-07 in Seoul; its midnight job fires at 2026-12-08T00:00:00+09:00.
const DAY_START_MS = Date.UTC(2026, 11, 6, 15);
const MIDNIGHT_MS = DAY_START_MS + DAY;
const MIDNIGHT_TEXT = '2026-12-08T00:00:00 Asia/Seoul';
const JOB = 'nightly-cleanup';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
const finishedRun = (server, fireMs) =>
  Number(server.scalar(`SELECT COUNT(*) FROM job_run WHERE job = '${JOB}' AND fire_at = ${fireMs * 1000} AND finished_at IS NOT NULL`)) === 1;
const count = (text, needle) => text.split(needle).length - 1;
const doneLine = (fire) => `job ${JOB} (${fire}) done in`;

// A member in a group of their own with a done and an open todo, a room that ended at 23:25 and one for the next
// morning; the todos through the API (so their times are the server clock's), the rooms in the database.
async function dayOfWork(server, endedStartMs) {
  const me = addMember(server);
  const groupId = addGroup(server);
  join(server, me, groupId);
  const todo = async (content) => assertCreated(await call(server, 'POST', '/api/v1/todos', { token: me.token, json: { content, groupId } }));
  const done = await todo('단어 50개');
  assertSuccess(await call(server, 'PATCH', '/api/v1/todos', { token: me.token, json: { todoId: done.todoId, content: done.content, done: true } }));
  const open = await todo('LC 1회');
  const ended = addRoom(server, groupId, endedStartMs, [me]);
  const tomorrow = addRoom(server, groupId, MIDNIGHT_MS + 10 * 60 * MINUTE, [me]);
  return { me, groupId, done, open, ended, tomorrow };
}

const todos = async (server, work) =>
  assertSuccess(await call(server, 'GET', `/api/v1/todos?groupId=${work.groupId}`, { token: work.me.token })).map((t) => t.todoId);
// A window the start-up warm-up did not fill: computed on first ask, then recomputed by the job.
const calendarRooms = async (server, work) =>
  assertSuccess(
    await call(server, 'GET', `/api/v1/rooms?groupId=${work.groupId}&from=2026-12-07T00:00:00&to=2026-12-09T00:00:00`, { token: work.me.token }),
  ).map((r) => r.roomId);
const liveRoom = (server, roomId) => server.scalar(`SELECT deleted FROM room WHERE room_id = ${roomId}`) === '0';
const reservations = (server, roomId) => Number(server.scalar(`SELECT COUNT(*) FROM reservation WHERE room_id = ${roomId}`));

// Runs fn with a fresh server; prints its output when fn fails; always disposes of it.
async function withServer(env, fn) {
  const server = await startServer({ app: 'bbodok', env });
  try {
    await fn(server);
  } catch (e) {
    server.dumpLog('nightly');
    throw e;
  } finally {
    await server.dispose();
  }
}

async function stopsCleanly(server) {
  const outcome = await server.stop();
  assert.deepEqual(outcome && { code: outcome.code, signal: outcome.signal }, { code: 0, signal: null });
}

test('at 00:00 in Seoul the done todo is cleared and the ended room closed (its reservation kept), and the calendar answers it', async () => {
  await withServer({ BBODOK_CLOCK_START: '2026-12-07T23:59:35' }, async (server) => {
    const work = await dayOfWork(server, DAY_START_MS + (23 * 60) * MINUTE);
    assert.ok(!finishedRun(server, MIDNIGHT_MS), 'the work must be in place before midnight');
    assert.deepEqual(await todos(server, work), [work.done.todoId, work.open.todoId]);
    assert.deepEqual(await calendarRooms(server, work), [work.ended, work.tomorrow]);

    await waitFor('the midnight run', () => finishedRun(server, MIDNIGHT_MS));
    assert.deepEqual(await todos(server, work), [work.open.todoId]);
    assert.ok(!liveRoom(server, work.ended), 'the ended room is closed');
    assert.ok(liveRoom(server, work.tomorrow), 'the next morning\'s room stays');
    assert.equal(reservations(server, work.ended), 1, 'reservations stay for the study history');
    assert.deepEqual(await calendarRooms(server, work), [work.tomorrow]);
    assert.match(server.scalar(`SELECT outcome FROM job_run WHERE job = '${JOB}' AND fire_at = ${MIDNIGHT_MS * 1000}`),
                 /^ok: cleared 1 done todos, closed 1 ended rooms in 1 groups$/);
    // The run's log line follows its recorded outcome.
    await waitFor('the run\'s log line', () => server.log().includes(doneLine(MIDNIGHT_TEXT)), 5_000);
    assert.equal(count(server.log(), doneLine(MIDNIGHT_TEXT)), 1);
    await stopsCleanly(server);
  });
});

test('a server started after a missed midnight catches up at start, and only once', async () => {
  await withServer({ BBODOK_CLOCK_START: '2026-12-07T12:00:00' }, async (server) => {
    // This room ends after the day's own midnight run (caught up at this start): that run leaves it.
    const work = await dayOfWork(server, DAY_START_MS + (10 * 60 + 30) * MINUTE);
    assert.ok(liveRoom(server, work.ended));
    await stopsCleanly(server);

    await server.restart({ BBODOK_CLOCK_START: '2026-12-08T09:00:00' });  // down at midnight
    await waitFor('the catch-up run', () => finishedRun(server, MIDNIGHT_MS));
    assert.deepEqual(await todos(server, work), [work.open.todoId]);
    assert.ok(!liveRoom(server, work.ended));
    assert.ok(liveRoom(server, work.tomorrow));
    await stopsCleanly(server);

    await server.restart({ BBODOK_CLOCK_START: '2026-12-08T09:30:00' });
    await waitFor('the second start\'s claim', () => server.log().includes(`job ${JOB} (${MIDNIGHT_TEXT}): already claimed`));
    assert.equal(count(server.log(), doneLine(MIDNIGHT_TEXT)), 1, 'the caught-up midnight ran once');
    assert.equal(server.scalar(`SELECT attempts FROM job_run WHERE job = '${JOB}' AND fire_at = ${MIDNIGHT_MS * 1000}`), '1');
    await stopsCleanly(server);
  });
});

// A second process of the same binary on the first one's database and configuration, with a log of its own.
async function startTwin(server) {
  const port = await freePort();
  const logFile = path.join(server.dir, 'twin.log');
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(BBODOK_BIN, ['--config', path.join(server.dir, 'bbodok.toml')],
                      { cwd: server.dir, env: { ...server.env, BBODOK_HTTP_PORT: String(port) }, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const twin = {
    log: () => fs.readFileSync(logFile, 'utf8'),
    async stop() {
      child.kill('SIGTERM');
      return Promise.race([exited, sleep(10_000).then(() => null)]);
    },
  };
  await waitFor('the second instance', async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
    } catch {
      return false;
    }
  }, 60_000);
  return twin;
}

test('two instances on one database run the midnight job once', async () => {
  await withServer({ BBODOK_CLOCK_START: '2026-12-07T23:59:35' }, async (server) => {
    const twin = await startTwin(server);
    try {
      const work = await dayOfWork(server, DAY_START_MS + (23 * 60) * MINUTE);
      const warmedAt = (log) => log.includes(`job room-cache-warm-up (${MIDNIGHT_TEXT}) done in`);
      const claimedAt = (log) => log.includes(doneLine(MIDNIGHT_TEXT)) || log.includes(`job ${JOB} (${MIDNIGHT_TEXT}): already claimed`);
      const bothSawMidnight = () => [server.log(), twin.log()].every((log) => warmedAt(log) && claimedAt(log));
      await waitFor('both instances at midnight', bothSawMidnight);
      const logs = server.log() + twin.log();
      assert.equal(count(logs, doneLine(MIDNIGHT_TEXT)), 1, 'one instance ran the midnight job');
      assert.equal(count(logs, `job ${JOB} (${MIDNIGHT_TEXT}): already claimed`), 1, 'the other found it claimed');
      // The start-up catch-up of the day's own midnight, claimed by both: run once too.
      assert.equal(count(logs, doneLine('2026-12-07T00:00:00 Asia/Seoul')), 1);
      assert.equal(server.scalar(`SELECT COUNT(*) FROM job_run WHERE job = '${JOB}'`), '2');
      assert.deepEqual(await todos(server, work), [work.open.todoId]);
      assert.ok(!liveRoom(server, work.ended));
    } finally {
      const outcome = await twin.stop();
      assert.deepEqual(outcome, { code: 0, signal: null }, 'the second instance stops cleanly');
    }
    await stopsCleanly(server);
  });
});
