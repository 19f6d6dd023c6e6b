// `bbodok seed`: the demo set loads through the real binary into a fresh database, the service starts on it,
// the frontend's reads show it, and seeding again leaves a populated database alone.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import path from 'node:path';

import { accessToken, assertSuccess, call } from '../lib/bbodok.mjs';
import { BBODOK_BIN, BBODOK_SEED_DATA, serverSuite } from '../lib/server.mjs';

const { test } = serverSuite({ app: 'bbodok', seed: true });

const count = (server, sql) => Number(server.scalar(sql));
const MINUTE = 60_000_000;
// 00:00 today in Seoul (UTC+9, no daylight saving), in the tables' microseconds.
const seoulMidnight = () => {
  const seoul = Date.now() + 9 * 3600_000;
  return (seoul - (seoul % 86_400_000) - 9 * 3600_000) * 1000;
};

test('the service starts on the seeded database and /health answers', async (server) => {
  const res = await fetch(`${server.url}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { data: null, message: '성공', code: 'success' });
});

test('the demo set: Korean members all in group 1, groups with colours and invite paths, one secret', (server) => {
  assert.equal(count(server, 'SELECT COUNT(*) FROM member'), 12);
  assert.equal(server.scalar('SELECT name FROM member ORDER BY member_id LIMIT 1'), '김민지');
  assert.equal(count(server, 'SELECT COUNT(*) FROM membership WHERE group_id = 1'), 12);
  assert.equal(count(server, "SELECT COUNT(*) FROM study_group WHERE path IN ('algo-study', 'toeic-900', 'gongsi-2024', 'dawn-study', 'dev-job')"), 5);
  assert.equal(server.scalar('SELECT path FROM study_group WHERE secret = 1'), 'gongsi-2024');
  assert.match(server.scalar('SELECT password_hash FROM study_group WHERE secret = 1'), /^\$2[aby]\$/);
  assert.equal(count(server, 'SELECT COUNT(*) FROM membership WHERE group_id <> 1 AND color IS NULL'), 0);
  assert.ok(count(server, 'SELECT COUNT(*) FROM todo') > 0);
});

test('rooms are booked on the 30-minute grid from today for a fortnight, and past study shows in the ranks', (server) => {
  const today = seoulMidnight();
  const fortnight = today + 14 * 24 * 60 * MINUTE;
  assert.equal(count(server, `SELECT COUNT(*) FROM room WHERE deleted = 0 AND end_time < ${today}`), 0);
  assert.equal(count(server, `SELECT COUNT(*) FROM room WHERE start_time >= ${fortnight}`), 0);
  assert.ok(count(server, `SELECT COUNT(*) FROM room WHERE deleted = 0 AND start_time >= ${fortnight - 24 * 60 * MINUTE}`) > 0,
            'no room on the last day of the fortnight');
  assert.equal(count(server, `SELECT COUNT(*) FROM room WHERE end_time - start_time <> ${25 * MINUTE} OR start_time % ${30 * MINUTE} <> 0`), 0);
  assert.ok(count(server, 'SELECT COUNT(*) FROM membership WHERE study_time > 0') > 10);
});

test('seeding again changes nothing', (server) => {
  const fingerprint = () =>
    server.scalar('SELECT (SELECT COUNT(*) FROM member) || \'/\' || (SELECT COUNT(*) FROM room) || \'/\' || ' +
                  "(SELECT COUNT(*) FROM reservation) || '/' || (SELECT COUNT(*) FROM todo) || '/' || " +
                  '(SELECT SUM(study_time) FROM membership)');
  const before = fingerprint();
  const again = spawnSync(BBODOK_BIN, ['--config', path.join(server.dir, 'bbodok.toml'), 'seed', '--data', BBODOK_SEED_DATA],
                          { cwd: server.dir, env: server.env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.match(again.stdout + again.stderr, /already has members/);
  assert.equal(fingerprint(), before);
});

// The seeded data as the frontend reads it, with a token minted for the first demo member (김민지).
const minji = (server) => accessToken(server, Number(server.scalar("SELECT member_id FROM member WHERE email = 'minji@example.com'")));
const seoulDate = (days) => new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const window14 = `from=${seoulDate(0)}T00:00:00&to=${seoulDate(14)}T00:00:00`;
const groupId = (server, path) => Number(server.scalar(`SELECT group_id FROM study_group WHERE path = '${path}'`));
test('GET /api/v1/groups lists the demo member\'s groups with her colours', async (server) => {
  const groups = assertSuccess(await call(server, 'GET', '/api/v1/groups', { token: minji(server) }));
  const byPath = Object.fromEntries(groups.map((g) => [g.path, g]));
  assert.deepEqual(Object.keys(byPath).sort(), ['algo-study', 'dev-job', 'everyone', 'toeic-900']);
  assert.equal(byPath['algo-study'].color, 'primary');
  assert.equal(byPath['algo-study'].groupName, '알고리즘 스터디');
  assert.equal(byPath.everyone.groupId, 1);
  const others = assertSuccess(await call(server, 'GET', '/api/v1/groups/all', { token: minji(server) }));
  const secret = others.find((g) => g.path === 'gongsi-2024');
  assert.equal(secret.secret, true);
});

test('GET /api/v1/ranks shows the past fortnight\'s study in the group, most first', async (server) => {
  const ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${groupId(server, 'algo-study')}`, { token: minji(server) }));
  assert.equal(ranks.length, 5);
  assert.ok(ranks.every((r) => /^PT/.test(r.duration)), JSON.stringify(ranks));
  assert.notEqual(ranks[0].duration, 'PT0S');
  const seconds = (d) => Number(/(\d+)H/.exec(d)?.[1] ?? 0) * 3600 + Number(/(\d+)M/.exec(d)?.[1] ?? 0) * 60;
  assert.ok(seconds(ranks[0].duration) >= seconds(ranks.at(-1).duration));
});

test('GET /api/v1/rooms shows the fortnight from today with members, as the frontend asks', async (server) => {
  const rooms = assertSuccess(await call(server, 'GET', `/api/v1/rooms?groupId=${groupId(server, 'algo-study')}&${window14}`,
                                         { token: minji(server) }));
  assert.ok(rooms.length >= 14, `only ${rooms.length} rooms`);
  const days = new Set(rooms.map((r) => r.startTime.slice(0, 10)));
  for (let d = 1; d < 14; ++d) assert.ok(days.has(seoulDate(d)), `no room on ${seoulDate(d)}`);
  for (const room of rooms) {
    assert.match(room.startTime, /T\d\d:(00|30):00$/);
    assert.ok(Array.isArray(room.memberIds) && room.memberIds.length > 0);
    assert.equal(room.profiles.length, room.memberIds.length);
  }
});

test('GET /api/v1/study-histories/durations shows study on most of the past fortnight\'s days', async (server) => {
  const history = assertSuccess(await call(server, 'GET', `/api/v1/study-histories/durations?from=${seoulDate(-20)}T00:00:00&to=${seoulDate(1)}T00:00:00`,
                                           { token: minji(server) }));
  assert.ok(history.filter((h) => h.duration !== 'PT0S').length >= 7, JSON.stringify(history));
  assert.ok(history.every((h) => /^\d{4}-\d\d-\d\d$/.test(h.calculatedAt) && /^PT/.test(h.duration)));
});

test('GET /api/v1/todos lists the demo member\'s todos in a group', async (server) => {
  const todos = assertSuccess(await call(server, 'GET', `/api/v1/todos?groupId=${groupId(server, 'algo-study')}`, { token: minji(server) }));
  assert.deepEqual(todos.map((t) => [t.content, t.done]).sort(), [['다익스트라 복습', true], ['백준 골드 문제 3개 풀기', false]]);
});

test.stops();
