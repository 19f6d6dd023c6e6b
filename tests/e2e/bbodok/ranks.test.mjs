// Rankings (contract §2 row 17, §7.5): RankResponse keys and ISO durations, most study time first, members
// only (404, never 401), rebuilt from the database at start, and never broken by a withdrawn member.
import assert from 'node:assert/strict';

import { freePort, serverSuite, startServer } from '../lib/server.mjs';
import { accessToken, addMember, assertBadRequest, assertCreated, assertDeleted, assertFailure, assertSuccess, assertUnauthenticated, call } from '../lib/bbodok.mjs';

const { test } = serverSuite({ app: 'bbodok' });

const HOUR = 3_600_000_000;

test('GET /ranks lists every member of the group with PT0S after joining, keys as the frontend reads them', async (server) => {
  const owner = addMember(server, { name: '민지' });
  const member = addMember(server, { name: '하니', profile: null });
  const group = assertCreated(await call(server, 'POST', '/api/v1/groups', { token: owner.token, json: { groupName: '랭킹', password: '', path: 'rank-a', secret: false } }));
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: member.token }));
  const ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: member.token }));
  assert.deepEqual(
    [...ranks].sort((a, b) => a.memberId - b.memberId),
    [
      { memberId: owner.memberId, profile: owner.profile, nickname: '민지', duration: 'PT0S' },
      { memberId: member.memberId, profile: null, nickname: '하니', duration: 'PT0S' },
    ],
  );
});

test('GET /ranks sorts by study time, most first, rebuilt from the database after a restart (hours never fold into days)', async (server) => {
  const a = addMember(server);
  const b = addMember(server);
  const c = addMember(server);
  const group = assertCreated(await call(server, 'POST', '/api/v1/groups', { token: a.token, json: { groupName: '순위', password: '', path: 'rank-b', secret: false } }));
  for (const m of [b, c]) assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: m.token }));
  server.scalar(`UPDATE membership SET study_time = ${HOUR} WHERE group_id = ${group.groupId} AND member_id = ${a.memberId}`);
  server.scalar(`UPDATE membership SET study_time = ${50 * HOUR} WHERE group_id = ${group.groupId} AND member_id = ${b.memberId}`);
  server.scalar(`UPDATE membership SET study_time = ${2 * HOUR + 1_500_000} WHERE group_id = ${group.groupId} AND member_id = ${c.memberId}`);
  await server.stop();
  await server.restart();
  const ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: accessToken(server, a.memberId) }));
  assert.deepEqual(
    ranks.map((r) => [r.memberId, r.duration]),
    [
      [b.memberId, 'PT50H'],
      [c.memberId, 'PT2H1.5S'],
      [a.memberId, 'PT1H'],
    ],
  );
});

test('a withdrawn member never breaks the ranking: skipped, even when the row is still there', async (server) => {
  const a = addMember(server);
  const b = addMember(server);
  const group = assertCreated(await call(server, 'POST', '/api/v1/groups', { token: a.token, json: { groupName: '탈퇴', password: '', path: 'rank-c', secret: false } }));
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: b.token }));
  // Marked withdrawn behind the service's back: the membership row stays.
  server.scalar(`UPDATE member SET status = 'WITHDRAWN' WHERE member_id = ${b.memberId}`);
  let ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: a.token }));
  assert.deepEqual(ranks.map((r) => r.memberId), [a.memberId]);

  const c = addMember(server);
  assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: c.token }));
  assertDeleted(await call(server, 'DELETE', '/api/v1/members', { token: c.token }));
  ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: a.token }));
  assert.deepEqual(ranks.map((r) => r.memberId), [a.memberId]);
});

test('only members read a ranking: 404 for others (never 401), 401 without a token, 400 for a bad groupId', async (server) => {
  const a = addMember(server);
  const stranger = addMember(server);
  const group = assertCreated(await call(server, 'POST', '/api/v1/groups', { token: a.token, json: { groupName: '비공개 순위', password: '', path: 'rank-d', secret: false } }));
  assertFailure(
    await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: stranger.token }),
    404,
    `사용자가 참여한 그룹의 id가 아닙니다. 사용자 id : ${stranger.memberId} 그룹 id : ${group.groupId}`,
  );
  assertFailure(await call(server, 'GET', '/api/v1/ranks?groupId=999999', { token: a.token }), 404);
  assertFailure(await call(server, 'GET', '/api/v1/ranks?groupId=-1', { token: a.token }), 404);
  assertUnauthenticated(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`));
  assertUnauthenticated(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: accessToken(server, a.memberId, -10) }));
  assertBadRequest(await call(server, 'GET', '/api/v1/ranks', { token: a.token }));
  assertBadRequest(await call(server, 'GET', '/api/v1/ranks?groupId=abc', { token: a.token }));
  assertBadRequest(await call(server, 'GET', `/api/v1/ranks?groupId=${'9'.repeat(40)}`, { token: a.token }));
});

test.stops();

test('with the leaderboard store unreachable (kv.url to a closed port) rankings come from the database, in order', async () => {
  const closed = await freePort();  // nothing listens there: every Redis call is an outage
  const server = await startServer({ app: 'bbodok', env: { BBODOK_KV_URL: `redis://127.0.0.1:${closed}` } });
  try {
    const a = addMember(server);
    const b = addMember(server);
    const c = addMember(server);
    const group = assertCreated(await call(server, 'POST', '/api/v1/groups', { token: a.token, json: { groupName: '장애', password: '', path: 'rank-kv-down', secret: false } }));
    assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: b.token }));
    server.scalar(`UPDATE membership SET study_time = ${3 * HOUR} WHERE group_id = ${group.groupId} AND member_id = ${b.memberId}`);
    server.scalar(`UPDATE membership SET study_time = ${HOUR} WHERE group_id = ${group.groupId} AND member_id = ${a.memberId}`);
    // A join changes the group's board (and fails to reach the store): the ranking is recomputed, from the database.
    assertCreated(await call(server, 'POST', `/api/v1/groups/${group.groupId}`, { token: c.token }));
    const ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${group.groupId}`, { token: c.token }));
    assert.deepEqual(ranks.map((r) => [r.memberId, r.duration]), [[b.memberId, 'PT3H'], [a.memberId, 'PT1H'], [c.memberId, 'PT0S']]);
  } finally {
    await server.dispose();
  }
});
