// Withdrawal (contract §7.9, durable as §11 asks): DELETE /api/v1/members refuses the member at once, and the
// worker then cleans up everything (reservations, the rooms they empty with their broadcast, ranks, todos,
// memberships, tokens, the push client) and unlinks the Kakao user with the admin key, retrying a failing
// Kakao; after a kill -9 in the middle of many withdrawals and a restart, every withdrawn member ends cleaned.
import { after } from 'node:test';
import assert from 'node:assert/strict';

import { accessToken, addMember, assertDeleted, assertSuccess, assertUnauthenticated, call } from '../lib/bbodok.mjs';
import { addGroup, addRoom, connectStomp, futureSlot, join, waitFor } from '../lib/bbodok_rooms.mjs';
import { startKakaoStub } from '../lib/kakao_stub.mjs';
import { kakaoEnv, serverSuite } from '../lib/server.mjs';

let kakao;
const { test } = serverSuite(async () => {
  kakao = await startKakaoStub();
  return {
    app: 'bbodok',
    env: {
      ...kakaoEnv(kakao, { app: 'bbodok', clientId: 'bbodok-rest-key', redirectUri: 'https://www.bbodogstudy.com/kakao_redirect' }),
      BBODOK_KAKAO_ADMIN_KEY: kakao.adminKey,
      BBODOK_KAKAO_UNLINK_URL: `${kakao.url}/v1/user/unlink`,
      BBODOK_WITHDRAWAL_POLL_MS: '200',
      BBODOK_WITHDRAWAL_RETRY_FIRST_MS: '200',
      BBODOK_WITHDRAWAL_UNLINK_LEASE_MS: '1000',
    },
  };
});

after(async () => kakao?.close());

const count = (server, sql) => Number(server.scalar(sql));
let kakaoIds = 7000;

// A member signed in through Kakao, in a group of their own with a live room of theirs, a todo and a push client.
function kakaoMember(server) {
  const member = addMember(server);
  member.kakaoId = ++kakaoIds;
  server.scalar(`UPDATE member SET kakao_id = ${member.kakaoId} WHERE member_id = ${member.memberId}`);
  return member;
}
function furnish(server, member) {
  const groupId = addGroup(server);
  join(server, member, groupId);
  addRoom(server, groupId, futureSlot().start, [member]);
  const now = Date.now() * 1000;
  server.scalar(`INSERT INTO todo (member_id, group_id, content, created_at, updated_at) VALUES (${member.memberId}, ${groupId}, '할 일', ${now}, ${now})`);
  server.scalar(`INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (${member.memberId}, 'fcm-${member.memberId}', ${now}, ${now})`);
  return groupId;
}

// What a withdrawn member must not leave behind, table by table.
function leftovers(server, memberId) {
  const left = {
    membership: count(server, `SELECT COUNT(*) FROM membership WHERE member_id = ${memberId}`),
    todo: count(server, `SELECT COUNT(*) FROM todo WHERE member_id = ${memberId}`),
    client: count(server, `SELECT COUNT(*) FROM client WHERE member_id = ${memberId}`),
    refresh_token: count(server, `SELECT COUNT(*) FROM refresh_token WHERE member_id = ${memberId}`),
    reservation: count(
      server,
      `SELECT COUNT(*) FROM reservation r JOIN room ro ON ro.room_id = r.room_id WHERE r.member_id = ${memberId} AND r.cancelled = 0 AND ro.deleted = 0`,
    ),
  };
  return Object.fromEntries(Object.entries(left).filter(([, n]) => n > 0));
}
const stage = (server, memberId) => server.scalar(`SELECT stage FROM withdrawal WHERE member_id = ${memberId}`);
const waitDone = (server, memberId, ms = 10_000) => waitFor(() => stage(server, memberId) === 'done', ms, `withdrawal of ${memberId} done`);

test('a withdrawn member is refused at once, then fully cleaned: rows gone, emptied rooms broadcast, rank gone, Kakao unlinked', async (server) => {
  kakao.reset();
  const leaver = kakaoMember(server);
  const friend = addMember(server);
  const groupId = addGroup(server);
  join(server, leaver, groupId);
  join(server, friend, groupId);
  const alone = futureSlot();
  const together = futureSlot();
  const emptiedRoom = addRoom(server, groupId, alone.start, [leaver]);
  const sharedRoom = addRoom(server, groupId, together.start, [leaver, friend]);
  const now = Date.now() * 1000;
  server.scalar(`INSERT INTO todo (member_id, group_id, content, created_at, updated_at) VALUES (${leaver.memberId}, ${groupId}, '할 일', ${now}, ${now})`);
  server.scalar(`INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (${leaver.memberId}, 'fcm', ${now}, ${now})`);
  assertSuccess(await call(server, 'POST', '/api/v1/groups/1', { token: leaver.token, json: {} }), 201, { message: '새로 생성되었습니다.', code: 'resource.created' });
  const watcher = await connectStomp(server, friend.token);
  const inbox = await watcher.subscribe(`/topic/${groupId}`);

  assertDeleted(await call(server, 'DELETE', '/api/v1/members', { token: leaver.token }));
  assertUnauthenticated(await call(server, 'GET', '/api/v1/members', { token: leaver.token }));
  assertUnauthenticated(await call(server, 'DELETE', '/api/v1/members', { token: leaver.token }));
  assert.equal(server.scalar(`SELECT status FROM member WHERE member_id = ${leaver.memberId}`), 'WITHDRAWN');

  await waitDone(server, leaver.memberId);
  assert.deepEqual(leftovers(server, leaver.memberId), {});
  assert.equal(count(server, `SELECT deleted FROM room WHERE room_id = ${emptiedRoom}`), 1);
  assert.equal(count(server, `SELECT deleted FROM room WHERE room_id = ${sharedRoom}`), 0);
  const messages = await inbox.next(2);
  const byStart = Object.fromEntries(messages.map((m) => [m.startTime, m]));
  assert.equal(
    JSON.stringify(byStart[alone.startTime]),
    `{"roomId":null,"groupId":null,"startTime":"${alone.startTime}","endTime":null,"profiles":null,"memberIds":null}`,
    'the emptied room is announced by its start time, as /app/join announces it',
  );
  assert.deepEqual(byStart[together.startTime].memberIds, [friend.memberId]);
  assert.equal(byStart[together.startTime].roomId, sharedRoom);
  const ranks = assertSuccess(await call(server, 'GET', `/api/v1/ranks?groupId=${groupId}`, { token: friend.token }));
  assert.deepEqual(ranks.map((r) => r.memberId), [friend.memberId]);
  watcher.close();

  const [unlink] = kakao.unlinkRequests();
  assert.equal(kakao.unlinkRequests().length, 1);
  assert.equal(unlink.headers.authorization, `KakaoAK ${kakao.adminKey}`);
  assert.deepEqual(unlink.form, { target_id_type: 'user_id', target_id: String(leaver.kakaoId) });
});

test('a member without a Kakao id (dev sign-in) is cleaned without an unlink', async (server) => {
  kakao.reset();
  const member = addMember(server);
  furnish(server, member);
  assertDeleted(await call(server, 'DELETE', '/api/v1/members', { token: member.token }));
  await waitDone(server, member.memberId);
  assert.deepEqual(leftovers(server, member.memberId), {});
  assert.equal(kakao.unlinkRequests().length, 0);
});

test('a Kakao that fails twice is retried until the unlink arrives; the local cleanup does not wait for it', async (server) => {
  kakao.reset();
  kakao.unlinkFailures = 2;
  const member = kakaoMember(server);
  furnish(server, member);
  assertDeleted(await call(server, 'DELETE', '/api/v1/members', { token: member.token }));
  await waitFor(() => kakao.unlinkRequests().length >= 1, 10_000, 'a first unlink call');
  assert.equal(stage(server, member.memberId), 'unlink');
  assert.deepEqual(leftovers(server, member.memberId), {}, 'the local part is done before Kakao agrees');
  await waitDone(server, member.memberId);
  assert.equal(kakao.unlinkRequests().length, 3);
  assert.deepEqual(kakao.unlinked(), [member.kakaoId]);
});

// `n` members signed in through Kakao, each furnished as furnish() does, in a few statements (a command per row
// would take minutes on PostgreSQL): [{ memberId, kakaoId, token }].
function manyKakaoMembers(server, n) {
  const now = Date.now() * 1000;
  const base = (kakaoIds += 1000);
  const tag = `kill-${base}`;
  const rows = (sql) => server.scalar(sql).split('\n').filter(Boolean).map((line) => line.split('|').map(Number));
  const members = rows(
    Array.from({ length: n }, (_, i) => `INSERT INTO member (name, profile, email, kakao_id, created_at, updated_at) VALUES ('탈퇴${i}', NULL, NULL, ${base + i}, ${now}, ${now})`).join(';\n') +
      `;\nSELECT member_id, kakao_id FROM member WHERE kakao_id >= ${base} AND kakao_id < ${base + n} ORDER BY kakao_id`,
  ).map(([memberId, kakaoId]) => ({ memberId, kakaoId, token: accessToken(server, memberId) }));
  const groups = rows(
    members.map((m) => `INSERT INTO study_group (owner_id, name, secret, path, everyone, created_at, updated_at) VALUES (NULL, '${tag}', 0, '${tag}-${m.memberId}', 0, ${now}, ${now})`).join(';\n') +
      `;\nSELECT group_id FROM study_group WHERE name = '${tag}' ORDER BY group_id`,
  ).map(([groupId]) => groupId);
  const start = futureSlot().start * 1000;
  const end = start + 25 * 60 * 1_000_000;
  server.scalar(
    members
      .flatMap((m, i) => [
        `INSERT INTO membership (member_id, group_id, joined_at) VALUES (${m.memberId}, ${groups[i]}, ${now})`,
        `INSERT INTO room (group_id, owner_id, start_time, end_time, created_at, updated_at) VALUES (${groups[i]}, ${m.memberId}, ${start}, ${end}, ${now}, ${now})`,
        `INSERT INTO reservation (member_id, room_id, start_time, end_time, created_at, updated_at) SELECT ${m.memberId}, room_id, ${start}, ${end}, ${now}, ${now} FROM room WHERE group_id = ${groups[i]}`,
        `INSERT INTO todo (member_id, group_id, content, created_at, updated_at) VALUES (${m.memberId}, ${groups[i]}, '할 일', ${now}, ${now})`,
        `INSERT INTO client (member_id, fcm_token, created_at, updated_at) VALUES (${m.memberId}, 'fcm-${m.memberId}', ${now}, ${now})`,
      ])
      .join(';\n'),
  );
  return members;
}

// leftovers() over many members at once: the rows each table still holds for them.
function leftoversOf(server, members) {
  if (members.length === 0) return {};
  const ids = members.map((m) => m.memberId).join(',');
  const left = {
    membership: count(server, `SELECT COUNT(*) FROM membership WHERE member_id IN (${ids})`),
    todo: count(server, `SELECT COUNT(*) FROM todo WHERE member_id IN (${ids})`),
    client: count(server, `SELECT COUNT(*) FROM client WHERE member_id IN (${ids})`),
    refresh_token: count(server, `SELECT COUNT(*) FROM refresh_token WHERE member_id IN (${ids})`),
    reservation: count(
      server,
      `SELECT COUNT(*) FROM reservation r JOIN room ro ON ro.room_id = r.room_id WHERE r.member_id IN (${ids}) AND r.cancelled = 0 AND ro.deleted = 0`,
    ),
  };
  return Object.fromEntries(Object.entries(left).filter(([, rowCount]) => rowCount > 0));
}

test('kill -9 in the middle of many withdrawals, then a restart: every withdrawn member ends fully cleaned and unlinked', async (server) => {
  kakao.reset();
  kakao.unlinkFailures = 5; // some unlinks are still being retried when the server dies
  const members = manyKakaoMembers(server, 80);
  const answered = [];
  const requests = members.map((m) =>
    call(server, 'DELETE', '/api/v1/members', { token: m.token }).then(
      (res) => res.status === 200 && answered.push(m.memberId),
      () => {},
    ),
  );
  await waitFor(() => answered.length >= 20, 20_000, '20 withdrawals answered');
  await server.kill();
  await Promise.all(requests);
  const unfinished = () => count(server, "SELECT COUNT(*) FROM withdrawal WHERE stage <> 'done'");
  assert.ok(unfinished() > 0, 'the kill came before the worker was through (else this test proves nothing)');

  await server.restart();
  await waitFor(() => unfinished() === 0, 60_000, 'every withdrawal finished after the restart');
  const ids = members.map((m) => m.memberId).join(',');
  const withdrawnIds = new Set(
    server.scalar(`SELECT member_id FROM member WHERE member_id IN (${ids}) AND status = 'WITHDRAWN'`).split('\n').filter(Boolean).map(Number),
  );
  const gone = members.filter((m) => withdrawnIds.has(m.memberId));
  for (const id of answered) assert.ok(withdrawnIds.has(id), `member ${id} was answered 200 but is not withdrawn`);
  assert.deepEqual(leftoversOf(server, gone), {});
  assert.equal(count(server, `SELECT COUNT(*) FROM withdrawal WHERE member_id IN (${ids})`), gone.length);
  assert.deepEqual(new Set(kakao.unlinked()), new Set(gone.map((m) => m.kakaoId)));
  // Whoever the kill cut off before the commit is untouched (and can still withdraw).
  const untouched = members.filter((m) => !withdrawnIds.has(m.memberId));
  if (untouched.length > 0) {
    assert.deepEqual(leftoversOf(server, untouched), { client: untouched.length, membership: untouched.length, reservation: untouched.length, todo: untouched.length });
  }
});

test.stops();
